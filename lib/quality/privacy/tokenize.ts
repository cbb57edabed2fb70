import { createHmac } from "node:crypto";
import { Ff1, MIN_DOMAIN } from "./ff1";

// Deterministic format-preserving tokenization on FF1. Digits stay digits and letters stay letters (of
// the same case) at the same positions; every other character (separators, "@", ".") is kept. The two
// classes are encrypted as a two-round Feistel across classes: the digits under a tweak that binds the
// letters, then the letters under one that binds the encrypted digits, so a short class never forms a
// small codebook on its own. The token starts with its key version ("tk3_…") so a rotated key still
// detokenizes older tokens, and the same value gives the same token under one key, so joins still work.

export type TTokenKey = { version: number; material: Buffer };

const PREFIX = /^tk(\d{1,6})_/;
const LETTERS = "abcdefghijklmnopqrstuvwxyz";

export class TokenizeError extends Error {}

type TClass = { positions: number[]; text: string; radix: number };

function split(chars: string[]): { digits: TClass; letters: TClass; upper: Set<number> } {
  const digits: TClass = { positions: [], text: "", radix: 10 };
  const letters: TClass = { positions: [], text: "", radix: 26 };
  const upper = new Set<number>();
  chars.forEach((c, i) => {
    if (c >= "0" && c <= "9") {
      digits.positions.push(i);
      digits.text += c;
    } else if ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z")) {
      letters.positions.push(i);
      letters.text += c.toLowerCase();
      if (c !== c.toLowerCase()) upper.add(i);
    }
  });
  return { digits, letters, upper };
}

const domain = (c: TClass) => BigInt(c.radix) ** BigInt(c.text.length);

/** One tokenizer per key version: its FF1 instances are built once. */
export class Tokenizer {
  private readonly digits: Ff1;
  private readonly letters: Ff1;

  constructor(readonly key: TTokenKey) {
    this.digits = new Ff1(key.material, { radix: 10, allowSmallDomain: true });
    this.letters = new Ff1(key.material, { alphabet: LETTERS, allowSmallDomain: true });
  }

  /** The token of `value`; `tweak` (per policy rule, not per field) separates token spaces. */
  tokenize(value: string, tweak = ""): string {
    return `tk${this.key.version}_${this.transform(value, tweak, true)}`;
  }

  detokenize(token: string, tweak = ""): string {
    const m = PREFIX.exec(token);
    if (!m || Number(m[1]) !== this.key.version)
      throw new TokenizeError(`That token was not made with key version ${this.key.version}.`);
    return this.transform(token.slice(m[0].length), tweak, false);
  }

  private transform(value: string, tweak: string, isEncrypt: boolean): string {
    const chars = [...value];
    const { digits, letters, upper } = split(chars);
    if (domain(digits) * domain(letters) < MIN_DOMAIN)
      throw new TokenizeError(
        "The value is too short to tokenize safely (fewer than a million possible values); redact or hash it instead.",
      );
    const t = (label: string, other: string) => Buffer.from(`${tweak}\u0000${label}\u0000${other}`, "utf8");
    if (isEncrypt) {
      digits.text = this.run(this.digits, digits, t("d", letters.text), true);
      letters.text = this.run(this.letters, letters, t("l", digits.text), true);
    } else {
      letters.text = this.run(this.letters, letters, t("l", digits.text), false);
      digits.text = this.run(this.digits, digits, t("d", letters.text), false);
    }
    [...digits.text].forEach((c, i) => (chars[digits.positions[i]] = c));
    [...letters.text].forEach((c, i) => {
      const at = letters.positions[i];
      chars[at] = upper.has(at) ? c.toUpperCase() : c;
    });
    return chars.join("");
  }

  private run(ff1: Ff1, cls: TClass, tweak: Buffer, isEncrypt: boolean): string {
    if (!cls.text.length) return "";
    if (cls.text.length >= 2) return isEncrypt ? ff1.encrypt(cls.text, tweak) : ff1.decrypt(cls.text, tweak);
    // FF1 needs two numerals; a lone one is shifted by a keyed offset bound to the tweak (reversible).
    const alphabet = cls.radix === 10 ? "0123456789" : LETTERS;
    const offset = createHmac("sha256", this.key.material).update(tweak).digest().readUInt32BE(0) % cls.radix;
    const n = alphabet.indexOf(cls.text);
    return alphabet[(n + (isEncrypt ? offset : cls.radix - offset)) % cls.radix];
  }
}

/** The key version a token carries, or null when the text is no token. */
export function tokenKeyVersion(token: string): number | null {
  const m = PREFIX.exec(token);
  return m ? Number(m[1]) : null;
}
