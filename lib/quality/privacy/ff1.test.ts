import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Ff1 } from "./ff1";

// Every FF1 sample of NIST's "FF1samples.pdf" (SP 800-38G examples): AES-128, -192, -256, samples 1-9.
const K128 = "2B7E151628AED2A6ABF7158809CF4F3C";
const K192 = `${K128}EF4359D8D580AA4F`;
const K256 = `${K192}7F036D6F04FC6A94`;
const T10 = "39383736353433323130";
const T11 = "3737373770717273373737";
const SAMPLES: [number, string, number, string, string, string][] = [
  [1, K128, 10, "", "0123456789", "2433477484"],
  [2, K128, 10, T10, "0123456789", "6124200773"],
  [3, K128, 36, T11, "0123456789abcdefghi", "a9tv40mll9kdu509eum"],
  [4, K192, 10, "", "0123456789", "2830668132"],
  [5, K192, 10, T10, "0123456789", "2496655549"],
  [6, K192, 36, T11, "0123456789abcdefghi", "xbj3kv35jrawxv32ysr"],
  [7, K256, 10, "", "0123456789", "6657667009"],
  [8, K256, 10, T10, "0123456789", "1001623463"],
  [9, K256, 36, T11, "0123456789abcdefghi", "xs8a0azh2avyalyzuwd"],
];

describe("FF1 (NIST SP 800-38G sample vectors)", () => {
  it.each(SAMPLES)("sample %i", (_n, key, radix, tweak, plain, cipher) => {
    const ff1 = new Ff1(Buffer.from(key, "hex"), { radix });
    const t = Buffer.from(tweak, "hex");
    expect(ff1.encrypt(plain, t)).toBe(cipher);
    expect(ff1.decrypt(cipher, t)).toBe(plain);
  });
});

describe("FF1 round trips", () => {
  const key = randomBytes(32);
  it.each([2, 8, 10, 16, 26, 36])("radix %i over random lengths and tweaks", (radix) => {
    const ff1 = new Ff1(key, { radix, allowSmallDomain: true });
    for (let i = 0; i < 40; i++) {
      const len = Math.max(2, Math.ceil(Math.log(100) / Math.log(radix))) + Math.floor(Math.random() * 30);
      const plain = Array.from(
        { length: len },
        () => "0123456789abcdefghijklmnopqrstuvwxyz"[Math.floor(Math.random() * radix)],
      ).join("");
      const tweak = randomBytes(Math.floor(Math.random() * 20));
      const cipher = ff1.encrypt(plain, tweak);
      expect(cipher).toHaveLength(plain.length);
      expect(ff1.decrypt(cipher, tweak)).toBe(plain);
    }
  });

  it("a custom alphabet keeps its characters", () => {
    const ff1 = new Ff1(key, { alphabet: "ACGT" });
    const plain = "GATTACAGATTACA";
    const cipher = ff1.encrypt(plain);
    expect(cipher).toMatch(/^[ACGT]{14}$/);
    expect(ff1.decrypt(cipher)).toBe(plain);
  });

  it("is deterministic per key and tweak, and differs across them", () => {
    const a = new Ff1(key, { radix: 10 });
    const b = new Ff1(randomBytes(32), { radix: 10 });
    expect(a.encrypt("4111111111111111")).toBe(a.encrypt("4111111111111111"));
    expect(a.encrypt("4111111111111111")).not.toBe(b.encrypt("4111111111111111"));
    expect(a.encrypt("4111111111111111", Buffer.from("x"))).not.toBe(a.encrypt("4111111111111111"));
  });

  it("refuses small domains, foreign characters and bad keys", () => {
    expect(() => new Ff1(key, { radix: 10 }).encrypt("12345")).toThrow(/too small/);
    expect(() => new Ff1(key, { radix: 10 }).encrypt("12345678a")).toThrow(/not in the FF1 alphabet/);
    expect(() => new Ff1(Buffer.alloc(10))).toThrow(/16, 24 or 32/);
    expect(() => new Ff1(key, { alphabet: "aab" })).toThrow(/distinct/);
  });
});
