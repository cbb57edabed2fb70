// The portal's web server (`npm run web`, and the "web" process of `npm start` and, with --dev, of
// `npm run dev`): Next.js behind a plain HTTP server that first fixes X-Forwarded-For. `next start` keeps whatever the client
// sent there, so anyone could pick the address sign-in throttling counts against; here it becomes the
// real client address (lib/http/client-address.ts, TRUSTED_PROXY_HOPS for reverse proxies).
//   tsx scripts/web-server.ts [-p PORT] [-H HOST] [--dev]
// In dev, Next attaches its hot-reload websocket to this server on the first request.
import { createServer } from "node:http";
import next from "next";
import { env } from "../lib/env";
import { clientAddress } from "../lib/http/client-address";

const args = process.argv.slice(2);
const flag = (short: string, long: string) => {
  const i = args.findIndex((a) => a === short || a === long);
  return i >= 0 ? args[i + 1] : undefined;
};
const port = Number(flag("-p", "--port") ?? process.env.PORT ?? 3000);
const hostname = flag("-H", "--hostname");
const hops = env().TRUSTED_PROXY_HOPS;

const app = next({ dev: args.includes("--dev"), hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  req.headers["x-forwarded-for"] = clientAddress(req.headers["x-forwarded-for"], req.socket.remoteAddress, hops);
  if (hops <= 0) delete req.headers["x-real-ip"];
  void handle(req, res);
});
server.listen(port, hostname, () =>
  process.stdout.write(
    `Web listening on http://${hostname ?? "localhost"}:${port}${hops ? ` (behind ${hops} trusted proxy hop(s))` : ""}\n`,
  ),
);

const stop = () => {
  server.close(() => process.exit(0));
  // Keep-alive connections would hold close() open; give in-flight requests a moment, then go.
  setTimeout(() => process.exit(0), 5_000).unref();
  server.closeIdleConnections();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
