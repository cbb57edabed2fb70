import type { TProcSpec } from "./supervisor";

export type TProcContext = { mode: "dev" | "prod"; port: number; demo: boolean };

/**
 * The long-running processes `npm start` supervises, in start order; they are stopped in the
 * same order, and the embedded database last. Add a process with one line.
 */
export function processTable(ctx: TProcContext): TProcSpec[] {
  return [
    // Next behind scripts/web-server.ts, which fixes X-Forwarded-For (next start and next dev trust the client's).
    {
      name: "web",
      cmd: ["tsx", "scripts/web-server.ts", "-p", String(ctx.port), ...(ctx.mode === "dev" ? ["--dev"] : [])],
    },
    { name: "engine", cmd: ["tsx", "--conditions=react-server", "lib/engine-process/main.ts"] },
    // The demo ERP/CRM/EDI partner and their traffic; SWITCHBOARD_DEMO=off leaves them out.
    ...(ctx.demo ? [{ name: "demo", cmd: ["tsx", "lib/engine/demo/main.ts"] }] : []),
  ];
}
