/**
 * The client's address for throttling and audit. The socket's peer is the only address nobody can
 * forge; behind `trustedHops` reverse proxies, each of which appends the address it received from,
 * the client is that many entries from the right of X-Forwarded-For (with the socket peer, the last
 * proxy, at the end). Entries further left were written by the client and are ignored.
 */
export function clientAddress(
  forwardedFor: string | string[] | undefined,
  socketAddress: string | undefined,
  trustedHops: number,
): string {
  const peer = normalize(socketAddress) || "unknown";
  if (trustedHops <= 0) return peer;
  const chain = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  chain.push(peer);
  return normalize(chain[Math.max(0, chain.length - 1 - trustedHops)]) || peer;
}

/** "::ffff:10.0.0.1" (an IPv4 peer on a dual-stack socket) is 10.0.0.1. */
function normalize(address: string | undefined): string {
  return (address ?? "").replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");
}
