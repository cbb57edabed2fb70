/**
 * FormData → plain object for zod. Repeated keys become arrays; checkboxes named with a trailing
 * "?" (e.g. "isActive?") become booleans, so an unchecked box reads as false rather than missing.
 */
export function formDataToObject(fd: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [rawKey, value] of fd.entries()) {
    if (rawKey.startsWith("$ACTION")) continue;
    if (rawKey.endsWith("?")) continue;
    const v = typeof value === "string" ? value : value;
    if (rawKey in out) {
      const prev = out[rawKey];
      out[rawKey] = Array.isArray(prev) ? [...prev, v] : [prev, v];
    } else {
      out[rawKey] = v;
    }
  }
  for (const key of new Set([...fd.keys()].filter((k) => k.endsWith("?")))) {
    const name = key.slice(0, -1);
    out[name] = fd.getAll(key).some((v) => v === "on" || v === "true");
  }
  return out;
}
