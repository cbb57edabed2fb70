/** δ: centroids kept are at most about δ; 100 gives quantiles within a fraction of a percent. */
const DEFAULT_COMPRESSION = 100;
const BUFFER = 1024;

export type TDigestState = { compression: number; min: number; max: number; centroids: [number, number][] };

/**
 * Merging t-digest (Dunning & Ertl, "Computing extremely accurate quantiles using t-digests"): values
 * are buffered, sorted and folded into centroids whose size is bounded by 4·n·q(1−q)/δ, so memory is
 * fixed whatever the stream's length and the tails stay precise. Two digests merge by folding one's
 * centroids into the other's.
 */
export class TDigest {
  readonly compression: number;
  private means: number[] = [];
  private weights: number[] = [];
  private merged = 0;
  private readonly buffer = new Float64Array(BUFFER);
  private buffered = 0;
  min = Infinity;
  max = -Infinity;

  constructor(compression = DEFAULT_COMPRESSION) {
    this.compression = compression;
  }

  get count(): number {
    return this.merged + this.buffered;
  }

  add(x: number): void {
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    this.buffer[this.buffered++] = x;
    if (this.buffered === BUFFER) this.flush();
  }

  merge(other: TDigest): void {
    other.flush();
    if (other.merged === 0) return;
    this.flush();
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
    const means: number[] = [];
    const weights: number[] = [];
    let i = 0;
    let j = 0;
    while (i < this.means.length || j < other.means.length) {
      if (j >= other.means.length || (i < this.means.length && this.means[i] <= other.means[j])) {
        means.push(this.means[i]);
        weights.push(this.weights[i++]);
      } else {
        means.push(other.means[j]);
        weights.push(other.weights[j++]);
      }
    }
    this.compress(means, weights, this.merged + other.merged);
  }

  /** Folds the buffer into the centroids (both sorted, so one linear merge). */
  private flush(): void {
    if (this.buffered === 0) return;
    const buf = this.buffer.subarray(0, this.buffered).sort();
    const means: number[] = [];
    const weights: number[] = [];
    let i = 0;
    let j = 0;
    while (i < this.means.length || j < buf.length) {
      if (j >= buf.length || (i < this.means.length && this.means[i] <= buf[j])) {
        means.push(this.means[i]);
        weights.push(this.weights[i++]);
      } else {
        means.push(buf[j++]);
        weights.push(1);
      }
    }
    const total = this.merged + this.buffered;
    this.buffered = 0;
    this.compress(means, weights, total);
  }

  private compress(means: number[], weights: number[], total: number): void {
    const outM: number[] = [];
    const outW: number[] = [];
    let curM = means[0];
    let curW = weights[0];
    let before = 0; // weight left of the current centroid
    const kLeftOf = (w: number) => this.scale(w / total);
    let kLeft = kLeftOf(0);
    for (let k = 1; k < means.length; k++) {
      const w = weights[k];
      const proposed = curW + w;
      if (this.scale((before + proposed) / total) - kLeft <= 1 || means[k] === curM) {
        curM += ((means[k] - curM) * w) / proposed;
        curW = proposed;
      } else {
        outM.push(curM);
        outW.push(curW);
        before += curW;
        kLeft = kLeftOf(before);
        curM = means[k];
        curW = w;
      }
    }
    outM.push(curM);
    outW.push(curW);
    this.means = outM;
    this.weights = outW;
    this.merged = total;
  }

  /**
   * The k1 scale function, δ/2π·asin(2q−1): a centroid may span at most 1 in k, so centroids are
   * single values at the tails and wide in the middle, and there are at most about δ of them.
   */
  private scale(q: number): number {
    return (this.compression / (2 * Math.PI)) * Math.asin(2 * Math.min(1, Math.max(0, q)) - 1);
  }

  /** The value at quantile q (0..1), interpolating between centroid centres and the exact min/max. */
  quantile(q: number): number | null {
    this.flush();
    const n = this.merged;
    if (n === 0) return null;
    if (q <= 0) return this.min;
    if (q >= 1) return this.max;
    const means = this.means;
    const weights = this.weights;
    if (means.length === 1) return means[0];
    const index = q * n;
    if (index < weights[0] / 2) return this.min + ((means[0] - this.min) * index) / (weights[0] / 2);
    let cum = weights[0] / 2; // position of centroid k's centre
    for (let k = 0; k < means.length - 1; k++) {
      const gap = (weights[k] + weights[k + 1]) / 2;
      if (index <= cum + gap) {
        return means[k] + ((means[k + 1] - means[k]) * (index - cum)) / gap;
      }
      cum += gap;
    }
    const last = means.length - 1;
    const tail = n - cum;
    return tail <= 0 ? this.max : means[last] + ((this.max - means[last]) * (index - cum)) / tail;
  }

  /** Centroids as [mean, weight] pairs, for histograms. */
  centroids(): [number, number][] {
    this.flush();
    return this.means.map((m, i) => [m, this.weights[i]]);
  }

  toJSON(): TDigestState {
    return { compression: this.compression, min: this.min, max: this.max, centroids: this.centroids() };
  }

  static fromJSON(state: TDigestState): TDigest {
    const d = new TDigest(state.compression);
    if (!state.centroids.length) return d;
    d.means = state.centroids.map((c) => c[0]);
    d.weights = state.centroids.map((c) => c[1]);
    d.merged = d.weights.reduce((a, b) => a + b, 0);
    d.min = state.min;
    d.max = state.max;
    return d;
  }
}
