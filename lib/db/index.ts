import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseUrl } from "@/lib/env";
import { Prisma, PrismaClient } from "./generated/client";

export { Prisma };
export type { PrismaClient };
export type Tx = Prisma.TransactionClient;

const holder = globalThis as typeof globalThis & { __switchboardPrisma?: PrismaClient };

/** Created on first use: `next build` imports route modules with no database configured. */
export function db(): PrismaClient {
  holder.__switchboardPrisma ??= new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl() }) });
  return holder.__switchboardPrisma;
}

export async function disconnectDb(): Promise<void> {
  const client = holder.__switchboardPrisma;
  holder.__switchboardPrisma = undefined;
  await client?.$disconnect();
}

export function transaction<T>(fn: (tx: Tx) => Promise<T>, timeoutMs = 15_000): Promise<T> {
  return db().$transaction(fn, { timeout: timeoutMs, maxWait: timeoutMs });
}
