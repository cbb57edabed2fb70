import { hash32 } from "./hash";

/** Register index bits: 2^14 registers (16 KiB) give a standard error of 1.04/√16384 ≈ 0.8%. */
const P = 14;
const M = 1 << P;
const ALPHA = 0.7213 / (1 + 1.079 / M);
const TWO_32 = 2 ** 32;

/**
 * HyperLogLog distinct counter (Flajolet et al. 2007) over a 32-bit hash, with linear counting for
 * small cardinalities. Fixed memory, and merging two sketches (register-wise max) gives the sketch of
 * the union, so per-minute partial profiles combine into any window.
 */
export class HyperLogLog {
  readonly registers: Uint8Array;

  constructor(registers?: Uint8Array) {
    this.registers = registers ?? new Uint8Array(M);
  }

  add(value: string): void {
    this.addHash(hash32(value));
  }

  addHash(h: number): void {
    const idx = h >>> (32 - P);
    const rest = (h << P) >>> 0;
    const rank = rest === 0 ? 32 - P + 1 : Math.clz32(rest) + 1;
    if (rank > this.registers[idx]) this.registers[idx] = rank;
  }

  merge(other: HyperLogLog): void {
    const r = this.registers;
    const o = other.registers;
    for (let i = 0; i < M; i++) if (o[i] > r[i]) r[i] = o[i];
  }

  count(): number {
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < M; i++) {
      const v = this.registers[i];
      sum += 2 ** -v;
      if (v === 0) zeros++;
    }
    const estimate = (ALPHA * M * M) / sum;
    if (estimate <= 2.5 * M && zeros > 0) return Math.round(M * Math.log(M / zeros));
    if (estimate > TWO_32 / 30) return Math.round(-TWO_32 * Math.log(1 - estimate / TWO_32));
    return Math.round(estimate);
  }

  toBase64(): string {
    return Buffer.from(this.registers.buffer, this.registers.byteOffset, this.registers.byteLength).toString("base64");
  }

  static fromBase64(text: string): HyperLogLog {
    const bytes = Buffer.from(text, "base64");
    if (bytes.length !== M) throw new Error(`HyperLogLog state must be ${M} bytes, got ${bytes.length}`);
    return new HyperLogLog(new Uint8Array(bytes));
  }
}
