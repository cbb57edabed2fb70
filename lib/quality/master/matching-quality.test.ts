// Matching quality on a seeded synthetic customer dataset: each person appears in 1–3 systems, the
// copies carrying typos, transpositions, missing fields, abbreviations and case noise. Records are
// matched incrementally (each compared only with the clusters sharing a blocking key, as the engine
// does), and pairwise precision and recall over the resulting clusters must each be at least 0.95.
import { faker } from "@faker-js/faker";
import { describe, expect, it } from "vitest";
import type { TMasterRecord } from "./config";
import { blockingKeys, decideMatch } from "./match";
import { CUSTOMER_CONFIG as config } from "./customer-config";

const ABBREVIATIONS: [RegExp, string][] = [
  [/\bStreet\b/, "St."],
  [/\bAvenue\b/, "Ave"],
  [/\bRoad\b/, "Rd"],
  [/\bDrive\b/, "Dr"],
  [/\bLane\b/, "Ln"],
  [/\bBoulevard\b/, "Blvd"],
];

function typo(s: string): string {
  if (s.length < 4) return s;
  const i = faker.number.int({ min: 1, max: s.length - 2 });
  return s.slice(0, i) + faker.string.alpha({ length: 1, casing: "lower" }) + s.slice(i + 1);
}

function transpose(s: string): string {
  if (s.length < 4) return s;
  const i = faker.number.int({ min: 1, max: s.length - 3 });
  return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
}

function abbreviate(s: string): string {
  for (const [re, short] of ABBREVIATIONS) if (re.test(s)) return s.replace(re, short);
  return s;
}

type TPerson = Record<"name" | "email" | "phone" | "street" | "city" | "postalCode", string>;

/** A new person; with `sibling`, one who shares that person's last name and address (a hard negative). */
function person(sibling?: TPerson): TPerson {
  const firstName = faker.person.firstName();
  const lastName = sibling ? sibling.name.split(" ").at(-1)! : faker.person.lastName();
  const digits = faker.string.numeric({ length: 10, allowLeadingZeros: false });
  return {
    name: `${firstName} ${lastName}`,
    email: faker.internet.email({ firstName, lastName }).toLowerCase(),
    phone: `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`,
    street: sibling?.street ?? faker.location.streetAddress(),
    city: sibling?.city ?? faker.location.city(),
    postalCode: sibling?.postalCode ?? faker.location.zipCode("#####"),
  };
}

/** A copy as another system holds it: one or two corruptions. */
function variant(p: TPerson): Record<string, unknown> {
  const v: Record<string, unknown> = { ...p };
  const corruptions = faker.number.int({ min: 1, max: 3 });
  for (let i = 0; i < corruptions; i++) {
    switch (faker.number.int({ min: 0, max: 7 })) {
      case 0:
        v.name = typo(String(v.name));
        break;
      case 1:
        v.name = transpose(String(v.name));
        break;
      case 2:
        v[faker.helpers.arrayElement(["email", "phone", "street"])] = null;
        break;
      case 3:
        v.street = abbreviate(String(v.street ?? p.street));
        break;
      case 4:
        v.email = typo(String(v.email ?? p.email));
        break;
      case 5:
        v.name = String(v.name).toUpperCase().split(" ").reverse().join(", ");
        break;
      case 6:
        v.phone = typo(String(v.phone ?? p.phone).replace(/\d/, "")) || null;
        break;
      default:
        v.phone = `+1 ${String(v.phone ?? p.phone)}`;
    }
  }
  return v;
}

function dataset(people: number): { records: TMasterRecord[]; truth: Map<string, number> } {
  faker.seed(20261202);
  const records: TMasterRecord[] = [];
  const truth = new Map<string, number>();
  const systems = ["crm", "erp", "shop"];
  let previous: TPerson | undefined;
  for (let n = 0; n < people; n++) {
    const p = person(previous && faker.number.float() < 0.15 ? previous : undefined);
    previous = p;
    const copies = faker.number.int({ min: 1, max: 3 });
    for (let c = 0; c < copies; c++) {
      const id = `${n}-${c}`;
      truth.set(id, n);
      records.push({
        id,
        system: systems[c],
        sourceId: id,
        attributes: c === 0 ? { ...p } : variant(p),
        observedAt: "2026-01-01T00:00:00.000Z",
      });
    }
  }
  return { records: faker.helpers.shuffle(records), truth };
}

/** Incremental clustering as the engine runs it: blocking-key candidates only, one record at a time. */
function cluster(records: TMasterRecord[]): Map<string, string> {
  const clusterOf = new Map<string, string>();
  const members = new Map<string, TMasterRecord[]>();
  const index = new Map<string, Set<string>>();
  let comparisons = 0;
  for (const r of records) {
    const keys = blockingKeys(config, r);
    const goldenIds = new Set(keys.flatMap((k) => [...(index.get(k) ?? [])]));
    const candidates = [...goldenIds].map((goldenId) => ({ goldenId, records: members.get(goldenId)! }));
    comparisons += candidates.reduce((n, c) => n + c.records.length, 0);
    const d = decideMatch(config, r, candidates);
    const goldenId = d.kind === "match" ? d.goldenId : `g-${r.id}`;
    clusterOf.set(r.id, goldenId);
    members.set(goldenId, [...(members.get(goldenId) ?? []), r]);
    for (const k of keys) index.set(k, new Set([...(index.get(k) ?? []), goldenId]));
  }
  console.log(`matching quality: ${records.length} records, ${comparisons} comparisons (blocking)`);
  return clusterOf;
}

describe("matching quality on a seeded synthetic dataset", () => {
  it("pairwise precision and recall are each at least 0.95", () => {
    const { records, truth } = dataset(500);
    const clusterOf = cluster(records);
    let truePositives = 0;
    let predicted = 0;
    let actual = 0;
    const ids = records.map((r) => r.id);
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++) {
        const same = truth.get(ids[i]) === truth.get(ids[j]);
        const linked = clusterOf.get(ids[i]) === clusterOf.get(ids[j]);
        if (same) actual++;
        if (linked) predicted++;
        if (same && linked) truePositives++;
      }
    const precision = truePositives / predicted;
    const recall = truePositives / actual;
    console.log(
      `matching quality: precision ${precision.toFixed(4)} recall ${recall.toFixed(4)} (${truePositives} of ${actual} true pairs, ${predicted} predicted)`,
    );
    expect(actual).toBeGreaterThan(300);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });
});
