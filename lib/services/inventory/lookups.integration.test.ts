import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { searchCandidates } from "@/lib/services/prioritization/lookups";
import { LOOKUP_LIMIT } from "@/lib/validation/lookup";
import { useTestDatabase as withTestDatabase } from "@/test/db";
import { rejection } from "@/test/rejection";
import { processLookupOption, searchInterfaces, searchProcesses } from "./lookups";

withTestDatabase();
const viewer: Actor = { id: null, email: "viewer@example.com", name: "Viewer", role: "viewer" };
const nobody = { id: null, email: "x@example.com", name: "X", role: null } as unknown as Actor;

// More rows than the pickers used to load (2,000 processes and interfaces, 5,000 in governance).
const MANY = 2_150;
const pad = (n: number) => String(n).padStart(4, "0");
let departmentId = "";

beforeAll(async () => {
  const finance = await db().department.create({ data: { name: "Lookup finance" } });
  const hr = await db().department.create({ data: { name: "Lookup people" } });
  departmentId = finance.id;
  await db().businessProcess.createMany({
    data: Array.from({ length: MANY }, (_, i) => ({ name: `Bulk process ${pad(i)}`, departmentId: finance.id })),
  });
  await db().businessProcess.create({ data: { name: "Zebra onboarding", departmentId: hr.id } });
  const [erp, crm] = await Promise.all([
    db().system.create({
      data: { name: "Lookup ERP", type: "erp", hosting: "cloud", criticality: "high", vendor: "Acme" },
    }),
    db().system.create({ data: { name: "Lookup CRM", type: "crm", hosting: "cloud", criticality: "low" } }),
  ]);
  await db().interface.createMany({
    data: Array.from({ length: MANY }, (_, i) => ({
      name: `Feed ${pad(i)}`,
      sourceSystemId: erp.id,
      targetSystemId: crm.id,
      mechanism: "file" as const,
      payloadFormat: "csv" as const,
      frequency: "daily" as const,
    })),
  });
  await db().integrationCandidate.createMany({
    data: Array.from({ length: MANY }, (_, i) => ({ name: `Candidate ${pad(i)}` })),
  });
});

describe("lookups for server-searched pickers", () => {
  it("finds a process past the old 2,000 cap by part of its name, and says how many match in all", async () => {
    const all = await searchProcesses(viewer, { q: "" });
    expect(all.options).toHaveLength(LOOKUP_LIMIT);
    expect(all.total).toBe(MANY + 1);
    const late = await searchProcesses(viewer, { q: "process 2140" });
    expect(late).toEqual({
      options: [{ id: expect.any(String), label: "Bulk process 2140", detail: "Lookup finance" }],
      total: 1,
    });
    // Every word must match, in the name or the department.
    expect((await searchProcesses(viewer, { q: "people zebra" })).options.map((o) => o.label)).toEqual([
      "Zebra onboarding",
    ]);
    expect((await searchProcesses(viewer, { q: "zebra", departmentId })).total).toBe(0);
    expect((await searchProcesses(viewer, { q: "no such thing" })).total).toBe(0);
    // Matches come by name, a page of them at a time.
    // "214" is in 0214, 1214 and 2140–2149.
    const narrowed = await searchProcesses(viewer, { q: "bulk process 214", limit: 3 });
    expect(narrowed.total).toBe(12);
    expect(narrowed.options.map((o) => o.label)).toEqual(["0214", "1214", "2140"].map((n) => `Bulk process ${n}`));
    expect(await processLookupOption(viewer, late.options[0].id)).toEqual(late.options[0]);
  });

  it("finds interfaces by name or system, and candidates past the cap", async () => {
    const feed = await searchInterfaces(viewer, { q: "feed 2149" });
    expect(feed.options).toEqual([{ id: expect.any(String), label: "Feed 2149", detail: "Lookup ERP → Lookup CRM" }]);
    expect((await searchInterfaces(viewer, { q: "lookup crm" })).total).toBe(MANY);
    const candidate = await searchCandidates(viewer, { q: "candidate 2101" });
    expect(candidate.options.map((o) => o.label)).toEqual(["Candidate 2101"]);
    // The candidate being edited is left out of its own dependencies.
    expect((await searchCandidates(viewer, { q: "candidate 2101", excludeId: candidate.options[0].id })).total).toBe(0);
  });

  it("refuses callers without the read permission", async () => {
    expect((await rejection(searchProcesses(nobody, { q: "" }))).code).toBe("FORBIDDEN");
    expect((await rejection(searchCandidates(nobody, { q: "" }))).code).toBe("FORBIDDEN");
  });
});
