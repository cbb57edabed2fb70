// The bench's upstream, in its own process: answers every request with its body (keep-alive), so
// the direct path and the gateway path end at the same cheap server.
import http from "node:http";
import type { AddressInfo } from "node:net";

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    res.writeHead(200, {
      "content-type": req.headers["content-type"] ?? "application/octet-stream",
      "content-length": body.length,
    });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.send?.({ port: (server.address() as AddressInfo).port }));
process.on("disconnect", () => process.exit(0));
