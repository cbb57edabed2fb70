import { createCipheriv } from "node:crypto";

// FF1 format-preserving encryption (NIST SP 800-38G, section 5.1), on node:crypto AES-ECB as the block
// cipher CIPH_K. No maintained FF1 package exists on npm, so it is written here from the specification
// and checked against every NIST sample vector (ff1.test.ts). Numbers are BigInt: radix^n overflows
// doubles for the lengths tokenization uses.

export const DEFAULT_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** SP 800-38G Rev. 1: the domain radix^minlen must be at least one million. */
export const MIN_DOMAIN = 1_000_000n;
const MAX_LENGTH = 1 << 16;

export type TFf1Options = {
  /** Characters of the numeral string, numeral i is alphabet[i]; default the first `radix` of 0-9a-z. */
  alphabet?: string;
  radix?: number;
  /** Allow radix^n below MIN_DOMAIN (the NIST samples and chained short classes do; plain callers should not). */
  allowSmallDomain?: boolean;
};

export class Ff1 {
  private readonly alphabet: string;
  private readonly radix: number;
  private readonly index: Map<string, number>;
  private readonly allowSmallDomain: boolean;
  private readonly keyLength: 16 | 24 | 32;

  constructor(
    private readonly key: Buffer,
    options: TFf1Options = {},
  ) {
    if (key.length !== 16 && key.length !== 24 && key.length !== 32)
      throw new Error(`FF1 needs an AES key of 16, 24 or 32 bytes, not ${key.length}.`);
    this.keyLength = key.length;
    const radix = options.radix ?? options.alphabet?.length ?? 10;
    const alphabet = options.alphabet ?? DEFAULT_ALPHABET.slice(0, radix);
    if (radix < 2 || radix > 65_536 || alphabet.length !== radix)
      throw new Error(`FF1 radix ${radix} needs an alphabet of exactly that many characters (2..65536).`);
    const chars = [...alphabet];
    if (new Set(chars).size !== chars.length || chars.length !== radix)
      throw new Error("FF1 alphabet characters must be distinct single code points.");
    this.alphabet = alphabet;
    this.radix = radix;
    this.index = new Map(chars.map((c, i) => [c, i]));
    this.allowSmallDomain = options.allowSmallDomain ?? false;
  }

  encrypt(text: string, tweak: Buffer = Buffer.alloc(0)): string {
    return this.toText(this.run(this.toNumerals(text), tweak, true));
  }

  decrypt(text: string, tweak: Buffer = Buffer.alloc(0)): string {
    return this.toText(this.run(this.toNumerals(text), tweak, false));
  }

  private toNumerals(text: string): number[] {
    return [...text].map((c) => {
      const n = this.index.get(c);
      if (n === undefined) throw new Error(`"${c}" is not in the FF1 alphabet.`);
      return n;
    });
  }

  private toText(numerals: number[]): string {
    const chars = [...this.alphabet];
    return numerals.map((n) => chars[n]).join("");
  }

  private cipher(block: Buffer): Buffer {
    const c = createCipheriv(`aes-${this.keyLength * 8}-ecb`, this.key, null);
    c.setAutoPadding(false);
    return c.update(block);
  }

  /** PRF: CBC-MAC with a zero IV, i.e. the last block of AES-CBC over the whole input. */
  private prf(data: Buffer): Buffer {
    const c = createCipheriv(`aes-${this.keyLength * 8}-cbc`, this.key, Buffer.alloc(16));
    c.setAutoPadding(false);
    const out = Buffer.concat([c.update(data), c.final()]);
    return out.subarray(out.length - 16);
  }

  private run(x: number[], tweak: Buffer, isEncrypt: boolean): number[] {
    const n = x.length;
    const radix = BigInt(this.radix);
    if (n < 2 || n > MAX_LENGTH) throw new Error(`FF1 needs 2..${MAX_LENGTH} numerals, not ${n}.`);
    if (radix ** BigInt(n) < (this.allowSmallDomain ? 100n : MIN_DOMAIN))
      throw new Error(`FF1 domain ${this.radix}^${n} is too small to encrypt safely.`);
    const t = tweak.length;
    const u = Math.floor(n / 2);
    const v = n - u;
    let a = x.slice(0, u);
    let b = x.slice(u);
    const byteLen = Math.ceil(Math.ceil(v * Math.log2(this.radix)) / 8);
    const d = 4 * Math.ceil(byteLen / 4) + 4;
    const p = Buffer.alloc(16);
    p.set([1, 2, 1]);
    p.writeUIntBE(this.radix, 3, 3);
    p[6] = 10;
    p[7] = u % 256;
    p.writeUInt32BE(n, 8);
    p.writeUInt32BE(t, 12);
    const zeros = (((-t - byteLen - 1) % 16) + 16) % 16;
    const modU = radix ** BigInt(u);
    const modV = radix ** BigInt(v);
    for (let step = 0; step < 10; step++) {
      const i = isEncrypt ? step : 9 - step;
      const q = Buffer.concat([
        tweak,
        Buffer.alloc(zeros),
        Buffer.from([i]),
        toBytes(num(isEncrypt ? b : a, radix), byteLen),
      ]);
      const r = this.prf(Buffer.concat([p, q]));
      const blocks = [r];
      for (let j = 1; j * 16 < d; j++) {
        const xored = Buffer.from(r);
        xored.writeUInt32BE(xored.readUInt32BE(12) ^ j, 12);
        blocks.push(this.cipher(xored));
      }
      const y = BigInt(`0x${Buffer.concat(blocks).subarray(0, d).toString("hex")}`);
      const m = i % 2 === 0 ? u : v;
      const mod = m === u ? modU : modV;
      if (isEncrypt) {
        const c = (((num(a, radix) + y) % mod) + mod) % mod;
        a = b;
        b = str(c, radix, m);
      } else {
        const c = (((num(b, radix) - y) % mod) + mod) % mod;
        b = a;
        a = str(c, radix, m);
      }
    }
    return [...a, ...b];
  }
}

function num(numerals: number[], radix: bigint): bigint {
  let x = 0n;
  for (const n of numerals) x = x * radix + BigInt(n);
  return x;
}

function str(x: bigint, radix: bigint, m: number): number[] {
  const out = new Array<number>(m).fill(0);
  for (let i = m - 1; i >= 0; i--) {
    out[i] = Number(x % radix);
    x /= radix;
  }
  return out;
}

function toBytes(x: bigint, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}
