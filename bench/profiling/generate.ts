import { createWriteStream } from "node:fs";
import { once } from "node:events";

/** Deterministic PRNG (mulberry32), so every run profiles the same file. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ["Anna", "Ben", "Carla", "David", "Eva", "Felix", "Greta", "Hugo", "Ines", "Jonas"];
const LAST = ["Meyer", "Schmidt", "Fischer", "Weber", "Wagner", "Becker", "Hoffmann", "Koch"];
const COUNTRIES = ["DE", "FR", "NL", "AT", "CH", "US", "GB"];
export const BENCH_COLUMNS = [
  "id",
  "customer",
  "email",
  "country",
  "zip",
  "amount",
  "quantity",
  "created_at",
  "active",
  "ref",
] as const;

/**
 * Writes `rows` CSV rows of ten mixed columns: integers, names, emails, codes, zip codes with leading
 * zeros, decimals, date-times, booleans and uuids, with a few empty fields (nulls) and, from 90% on,
 * a drift (amounts sent as text) so the profile has something to find.
 */
export async function generateCsv(file: string, rows: number, seed = 42): Promise<void> {
  const r = rng(seed);
  const out = createWriteStream(file);
  out.write(`${BENCH_COLUMNS.join(",")}\n`);
  const hex = (n: number) =>
    Math.floor(r() * 16 ** n)
      .toString(16)
      .padStart(n, "0");
  let batch = "";
  for (let i = 1; i <= rows; i++) {
    const first = FIRST[Math.floor(r() * FIRST.length)];
    const last = LAST[Math.floor(r() * LAST.length)];
    const email = r() < 0.02 ? "" : `${first.toLowerCase()}.${last.toLowerCase()}${i % 997}@example.com`;
    const zip = String(Math.floor(r() * 99_999)).padStart(5, "0");
    const amount = i > rows * 0.9 && r() < 0.01 ? "n/a" : (r() * 10_000).toFixed(2);
    const day = 1 + Math.floor(r() * 28);
    const created = `2026-${String(1 + (i % 12)).padStart(2, "0")}-${String(day).padStart(2, "0")}T${String(i % 24).padStart(2, "0")}:15:00Z`;
    const ref = `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(6)}${hex(6)}`;
    batch += `${i},${first} ${last},${email},${COUNTRIES[i % COUNTRIES.length]},${zip},${amount},${1 + Math.floor(r() * 50)},${created},${r() < 0.5},${ref}\n`;
    if (i % 10_000 === 0) {
      if (!out.write(batch)) await once(out, "drain");
      batch = "";
    }
  }
  out.end(batch);
  await once(out, "finish");
}
