// Pure, so the portal can tell a user whether a message's run was in a flow's lineage sample.

/**
 * Whether a run of `messageId` is in the sample: a hash of the id against the rate, so every
 * delivery and every engine decides the same for one message. FNV-1a with a finalizer: cheap, and even.
 */
export function sampledIn(messageId: string, rate: number): boolean {
  if (rate >= 1) return true;
  if (rate <= 0) return false;
  let h = 0x811c9dc5;
  for (let i = 0; i < messageId.length; i++) h = Math.imul(h ^ messageId.charCodeAt(i), 0x01000193);
  // murmur3's finalizer: FNV alone leaves the high bits nearly equal for ids differing at the end.
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 0x1_0000_0000 < rate;
}
