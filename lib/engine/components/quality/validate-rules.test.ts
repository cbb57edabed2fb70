import { describe, expect, it } from "vitest";
import type { EngineDeps } from "@/lib/engine/core/contracts";
import { createMessage, RESUBMIT_HEADER } from "@/lib/engine/core/message";
import type { TDeployedRuleSet, TQuarantineEntry } from "@/lib/engine/core/quality";
import type { TRuleCheckReport } from "@/lib/quality/rules";
import { createRegistry } from "../index";
import { configTable } from "../shared/config-table";

const RULES: TDeployedRuleSet = {
  key: "orders",
  versionId: "v1-id",
  version: 1,
  contentHash: "h1",
  document: {
    rules: [
      { id: "email", field: "email", check: "format", format: "email" },
      { id: "qty", field: "qty", check: "range", min: 1 },
      { id: "note", field: "note", check: "length", max: 3, severity: "warning" },
    ],
  },
};

function setup(opts: { deployed?: TDeployedRuleSet | null; quarantine?: boolean; failPut?: boolean } = {}) {
  const put: TQuarantineEntry[][] = [];
  const reports: TRuleCheckReport[] = [];
  const deps: EngineDeps = {
    stepId: "check",
    ruleSets: Object.assign(
      { get: async (key: string) => (key === "orders" ? (opts.deployed === undefined ? RULES : opts.deployed) : null) },
      { recordChecks: (r: TRuleCheckReport) => void reports.push(r) },
    ),
    quarantine:
      opts.quarantine === false
        ? undefined
        : {
            put: async (entries) => {
              if (opts.failPut) throw new Error("database down");
              put.push(entries);
            },
          },
  };
  return { deps, put, reports };
}

const signal = new AbortController().signal;
const good = { email: "a@example.com", qty: 2 };
const bad = { email: "nope", qty: 0 };

describe("validate_rules", () => {
  configTable("processor", "validate_rules", [
    ["rule set", { ruleSet: "orders" }, "ok"],
    ["records path", { ruleSet: "orders", records: "payload.orders" }, "ok"],
    ["missing ruleSet", {}, "ruleSet"],
    ["records not a dotted path", { ruleSet: "orders", records: "orders[0]" }, "dotted path"],
    ["bad onMissingRuleSet", { ruleSet: "orders", onMissingRuleSet: "skip" }, "onMissingRuleSet"],
    ["unknown field", { ruleSet: "orders", other: 1 }, "other"],
  ]);

  const build = (deps: EngineDeps, config: object = { ruleSet: "orders" }) =>
    createRegistry().build("processor", "validate_rules", config, deps);

  it("passes a valid single record on unchanged and counts it (warnings do not quarantine)", async () => {
    const { deps, put, reports } = setup();
    const msg = createMessage({ body: { ...good, note: "long note" } });
    expect(await build(deps).process(msg, signal)).toEqual([msg]);
    expect(put).toEqual([]);
    expect(reports).toMatchObject([{ ruleSetKey: "orders", stepId: "check", passed: 1, failed: 0 }]);
  });

  it("quarantines a failing single record with its violations and lineage, and filters the message", async () => {
    const { deps, put } = setup();
    const msg = createMessage({ body: bad, headers: { h: "1" } });
    expect(await build(deps).process(msg, signal, { inputId: "input-1" })).toEqual([]);
    expect(put).toHaveLength(1);
    expect(put[0]).toEqual([
      {
        stepId: "check",
        ruleSetKey: "orders",
        ruleSetVersionId: "v1-id",
        messageId: msg.id,
        correlationId: msg.correlationId,
        inputId: "input-1",
        recordIndex: 0,
        record: bad,
        violations: [
          { ruleId: "email", field: "email", value: "nope", message: "email must be an email address" },
          { ruleId: "qty", field: "qty", value: 0, message: "qty must be a number of at least 1" },
        ],
        headers: { h: "1" },
      },
    ]);
  });

  it("splits an array body: failing elements quarantined, passing ones continue", async () => {
    const { deps, put, reports } = setup();
    const msg = createMessage({ body: [good, bad, { ...good, qty: 5 }] });
    const out = await build(deps).process(msg, signal);
    expect(out.map((m) => m.body)).toEqual([[good, { ...good, qty: 5 }]]);
    expect(put[0].map((e) => e.recordIndex)).toEqual([1]);
    expect(reports[0]).toMatchObject({ passed: 2, failed: 1, records: [good, bad, { ...good, qty: 5 }] });
  });

  it("rebuilds the body at the records path, and filters when no record passes", async () => {
    const { deps, put } = setup();
    const p = build(deps, { ruleSet: "orders", records: "payload.orders" });
    const body = { batch: 7, payload: { orders: [bad, good] } };
    const [out] = await p.process(createMessage({ body }), signal);
    expect(out.body).toEqual({ batch: 7, payload: { orders: [good] } });
    expect(body.payload.orders).toHaveLength(2);
    expect(await p.process(createMessage({ body: { payload: { orders: [bad, bad] } } }), signal)).toEqual([]);
    expect(put.map((b) => b.length)).toEqual([1, 2]);
    await expect(p.process(createMessage({ body: { payload: {} } }), signal)).rejects.toThrow("not an array");
  });

  it("checks a resubmitted record alone, whatever the records path", async () => {
    const { deps, put } = setup();
    const p = build(deps, { ruleSet: "orders", records: "payload.orders" });
    const msg = createMessage({ body: good, headers: { [RESUBMIT_HEADER]: "entry-1" } });
    expect(await p.process(msg, signal)).toEqual([msg]);
    expect(put).toEqual([]);
  });

  it("without a quarantine, fails the message listing the violations", async () => {
    const { deps } = setup({ quarantine: false });
    await expect(build(deps).process(createMessage({ body: [good, bad] }), signal)).rejects.toThrow(
      /1 of 2 record\(s\) broke rule set "orders" v1: record 1: email email: email must be an email address; record 1: qty/,
    );
  });

  it("propagates a quarantine failure (the input is redelivered), nothing continues", async () => {
    const { deps } = setup({ failPut: true });
    await expect(build(deps).process(createMessage({ body: bad }), signal)).rejects.toThrow("database down");
  });

  it("no deployed rule set: fails by default, passes when configured", async () => {
    const { deps } = setup({ deployed: null });
    const msg = createMessage({ body: bad });
    await expect(build(deps).process(msg, signal)).rejects.toThrow('no version of rule set "orders" is deployed');
    expect(await build(deps, { ruleSet: "orders", onMissingRuleSet: "pass" }).process(msg, signal)).toEqual([msg]);
  });

  it("fails closed on lookup rules without master data, and on raw bodies", async () => {
    const lookup = {
      ...RULES,
      document: { rules: [{ id: "cust", field: "customerId", check: "lookup", entity: "customer", attribute: "id" }] },
    };
    const { deps } = setup({ deployed: lookup });
    await expect(build(deps).process(createMessage({ body: good }), signal)).rejects.toThrow("no master-data service");
    await expect(build(deps).process(createMessage({ body: "raw" }), signal)).rejects.toThrow("parse step");
  });

  it("recompiles when another version is deployed", async () => {
    const { deps, put } = setup();
    let deployed = RULES;
    deps.ruleSets = { get: async () => deployed };
    const p = build(deps);
    expect(await p.process(createMessage({ body: { email: "x@example.com", qty: 0 } }), signal)).toEqual([]);
    deployed = { ...RULES, versionId: "v2-id", version: 2, document: { rules: [] } };
    expect(await p.process(createMessage({ body: { email: "x@example.com", qty: 0 } }), signal)).toHaveLength(1);
    expect(put).toHaveLength(1);
  });
});
