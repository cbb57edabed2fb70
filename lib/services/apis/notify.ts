import "server-only";
import { API_GATEWAY_CHANNEL } from "@/lib/apis/gateway-channel";
import type { Tx } from "@/lib/db";

/** Call inside the transaction that changed what the API gateway serves: the notice goes out on commit. */
export async function notifyApiGateway(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${API_GATEWAY_CHANNEL}, '')`;
}
