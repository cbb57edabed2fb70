/** An attribute value as the golden-record pages show it (server and client components both use it). */
export const formatValue = (v: unknown) =>
  v === null || v === undefined || v === "" ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v);
