import type { DedupeStore } from "@/lib/engine/core/contracts";

/**
 * In-process idempotent-consumer store: remembers keys until their TTL, evicting the oldest past
 * `maxKeys`. Only right for one engine process; several processes need a shared (Postgres) store.
 */
export class MemoryDedupeStore implements DedupeStore {
  private readonly seen = new Map<string, number>();
  constructor(private readonly maxKeys = 100_000, private readonly now: () => number = Date.now) {}

  async claim(key: string, ttlMs: number): Promise<boolean> {
    const t = this.now();
    const expiry = this.seen.get(key);
    if (expiry !== undefined && expiry > t) return false;
    this.seen.delete(key);
    this.seen.set(key, t + ttlMs);
    while (this.seen.size > this.maxKeys) this.seen.delete(this.seen.keys().next().value!);
    return true;
  }
}

let shared: MemoryDedupeStore | undefined;
export function sharedMemoryDedupeStore(): MemoryDedupeStore {
  shared ??= new MemoryDedupeStore();
  return shared;
}
