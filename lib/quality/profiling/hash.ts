/**
 * 32-bit hash of a string: FNV-1a over UTF-16 code units, then murmur3's finalizer so the high bits
 * that HyperLogLog uses for its register index are well mixed. Cheap enough to run on every value.
 */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
