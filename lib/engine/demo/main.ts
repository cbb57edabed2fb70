// Entry point of the demo systems process: `tsx lib/engine/demo/main.ts`. Started by `npm start` unless
// SWITCHBOARD_DEMO=off. Serves the demo ERP/CRM/EDI partner and sends demo traffic to the engine gateway.
import { env } from "@/lib/env";
import { DemoSystems } from "./systems";
import { DEMO_TRAFFIC_ENVIRONMENTS, startDemoTraffic } from "./traffic";

async function main(): Promise<void> {
  const e = env();
  if (e.SWITCHBOARD_DEMO === "off") {
    process.stdout.write("Demo systems are off (SWITCHBOARD_DEMO=off).\n");
    return;
  }
  const systems = new DemoSystems();
  const port = await systems.listen(e.SWITCHBOARD_DEMO_PORT);
  process.stdout.write(
    `Demo systems (ERP /erp, CRM /crm, EDI partner /edi, target /target) on http://127.0.0.1:${port}\n`,
  );
  const stop = startDemoTraffic({
    systems,
    gatewayUrl: `http://${e.ENGINE_GATEWAY_HOST}:${e.ENGINE_GATEWAY_PORT}`,
    environments: DEMO_TRAFFIC_ENVIRONMENTS,
    intervalMs: e.SWITCHBOARD_DEMO_INTERVAL_MS,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  const shutdown = async () => {
    stop();
    await systems.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown());
  process.on("SIGTERM", () => void shutdown());
}

main().catch((error: unknown) => {
  process.stderr.write(`demo systems failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
