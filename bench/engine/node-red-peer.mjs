// The Node-RED peer of bench/engine's request-response phase, in its own process: Node-RED embedded
// with its stock nodes only: http in → change (msg.schema) → json (validates against msg.schema) →
// change (the reference mapping as a JSONata expression) → http response; a catch node answers 400.
// Usage: node bench/engine/node-red-peer.mjs <flow.json> ; prints "ready <port>" once it listens.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import express from "express";
import RED from "node-red";

const { schema: fullSchema, expression } = JSON.parse(readFileSync(process.argv[2], "utf8"));
// The json node's Ajv has no formats (strict: an unknown one fails compiling): the peer checks
// everything but "format: date/email", a little less work than the engine's validation.
const withoutFormats = (s) =>
  Array.isArray(s)
    ? s.map(withoutFormats)
    : s && typeof s === "object"
      ? Object.fromEntries(
          Object.entries(s)
            .filter(([k]) => k !== "format")
            .map(([k, v]) => [k, withoutFormats(v)]),
        )
      : s;
const schema = withoutFormats(fullSchema);
const userDir = mkdtempSync(path.join(os.tmpdir(), "sb-bench-node-red-"));
const z = "bench";
const flows = [
  { id: z, type: "tab", label: "bench" },
  { id: "n-in", z, type: "http in", url: "/orders", method: "post", upload: false, wires: [["n-schema"]] },
  {
    id: "n-schema",
    z,
    type: "change",
    rules: [{ t: "set", p: "schema", pt: "msg", to: JSON.stringify(schema), tot: "json" }],
    wires: [["n-validate"]],
  },
  { id: "n-validate", z, type: "json", property: "payload", action: "obj", pretty: false, wires: [["n-map"]] },
  {
    id: "n-map",
    z,
    type: "change",
    // The change node evaluates JSONata against msg: the same expression, applied to msg.payload.
    rules: [{ t: "set", p: "payload", pt: "msg", to: `payload.(${expression})`, tot: "jsonata" }],
    wires: [["n-reply"]],
  },
  { id: "n-reply", z, type: "http response", statusCode: "", headers: {}, wires: [] },
  { id: "n-catch", z, type: "catch", scope: null, uncaught: false, wires: [["n-reject"]] },
  {
    id: "n-reject",
    z,
    type: "change",
    rules: [
      { t: "set", p: "statusCode", pt: "msg", to: "400", tot: "num" },
      { t: "set", p: "payload", pt: "msg", to: "error.message", tot: "msg" },
    ],
    wires: [["n-reply"]],
  },
];
// Ids unlike any type name (Node-RED takes a property equal to a node id for a reference), and positions.
writeFileSync(
  path.join(userDir, "flows.json"),
  JSON.stringify(flows.map((n, i) => (n.type === "tab" ? n : { x: 100 + 150 * i, y: 100, ...n }))),
);

const app = express();
const server = http.createServer(app);
RED.init(server, {
  userDir,
  flowFile: "flows.json",
  httpAdminRoot: false,
  httpNodeRoot: "/",
  uiPort: 0,
  credentialSecret: false,
  logging: { console: { level: "warn", metrics: false, audit: false } },
  externalModules: { autoInstall: false, palette: { allowInstall: false } },
  telemetry: { enabled: false },
  diagnostics: { enabled: false },
});
app.use("/", RED.httpNode);
server.listen(0, "127.0.0.1", () => {
  RED.start().then(() => console.log(`ready ${server.address().port}`));
});
const stop = () => {
  RED.stop().finally(() => {
    rmSync(userDir, { recursive: true, force: true });
    process.exit(0);
  });
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
