import type { DedupeStore, TClaim } from "@/lib/engine/core/contracts";

/**
 * In-process idempotent-consumer store: remembers keys until their TTL, evicting the oldest past
 * `maxKeys`. Only right for one engine process; several processes need a shared (Postgres) store.
 */
export class MemoryDedupeStore implements DedupeStore {
  private readonly seen = new Map<string, { expiry: number; messageId?: string }>();
  constructor(
    private readonly maxKeys = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Same rules as the Postgres store: the owner message and a takeover may claim again. */
  async claim(key: string, ttlMs: number, claim: Omit<TClaim, "ttlMs"> = {}): Promise<boolean> {
    const t = this.now();
    const held = this.seen.get(key);
    const own = held?.messageId !== undefined && held.messageId === claim.messageId;
    if (held && held.expiry > t && !own && !claim.takeOver) return false;
    this.seen.delete(key);
    this.seen.set(key, { expiry: ttlMs > 0 ? t + ttlMs : Infinity, messageId: claim.messageId });
    while (this.seen.size > this.maxKeys) this.seen.delete(this.seen.keys().next().value!);
    return true;
  }
}

let shared: MemoryDedupeStore | undefined;
export function sharedMemoryDedupeStore(): MemoryDedupeStore {
  shared ??= new MemoryDedupeStore();
  return shared;
}
