import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { systemActor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import type { TEngine } from "@/lib/engine/runtime/engine";
import {
  bootEngine,
  deployRunning,
  startHttpTarget,
  stopEngineSuite,
  uniq,
  waitFor,
} from "@/lib/engine/runtime/test-harness";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import { readSignals } from "@/lib/services/signals";
import { createSla, evaluateSlas, slaAlertKey, updateSla } from "../slas";
import { lineageGraph, planLineageExport, whereFrom } from "./index";

const dbUrl = useTestDatabase();
const MINUTE = 60_000;

// Two live flows on one correlation id: the shop's order is mapped to a canonical order and queued, the
// ERP flow maps that to the ERP's shape and delivers it over HTTP. The ERP's CustomerName is traced
// back to the shop's buyer.fullName with the value at each hop; the interface's SLA then breaches.
describe("lineage and SLAs on live flows", () => {
  let engine: TEngine;
  let pool: pg.Pool;
  let target: Awaited<ReturnType<typeof startHttpTarget>>;
  const queues: string[] = [];
  const actor = systemActor("lineage-test");
  let erp: { flowId: string; environmentId: string; flowName: string };
  let interfaceId: string;

  beforeAll(async () => {
    pool = createPgPool(dbUrl(), 3);
    engine = await bootEngine(dbUrl(), "postgres");
    target = await startHttpTarget();
    const canonQueue = uniq("sb-test.h6-canon");
    queues.push(canonQueue);
    const shopName = uniq("h6-shop");
    const erpName = uniq("h6-erp");
    queues.push(`sb.flow.${shopName}.dev`, `sb.flow.${erpName}.dev`);
    await deployRunning(pool, shopName, {
      input: { use: "http", config: { path: `/h6-${shopName}` } },
      steps: [
        {
          id: "canon",
          use: "transform_jsonata",
          config: { expression: '{"customer": {"name": buyer.fullName, "mail": buyer.email}, "ref": orderNo}' },
        },
      ],
      outputs: [{ id: "out", use: "queue", config: { queue: canonQueue } }],
    });
    const d = await deployRunning(pool, erpName, {
      input: { use: "queue", config: { queue: canonQueue } },
      steps: [
        { id: "keep", use: "filter", config: { when: "$exists(ref)" } },
        {
          id: "erp",
          use: "transform_jsonata",
          config: { expression: '{"CustomerName": $uppercase(customer.name), "Ref": ref}' },
        },
      ],
      outputs: [{ id: "post", use: "http", config: { url: target.url } }],
    });
    erp = { flowId: d.flowId, environmentId: d.environmentId, flowName: erpName };
    const [shop, sap] = await Promise.all(
      ["Shop", "ERP"].map((n) =>
        db().system.create({
          data: { name: uniq(`h6-${n}`), type: "custom", hosting: "cloud", criticality: "medium" },
        }),
      ),
    );
    const iface = await db().interface.create({
      data: {
        name: uniq("orders"),
        sourceSystemId: shop.id,
        targetSystemId: sap.id,
        mechanism: "api",
        payloadFormat: "json",
        frequency: "real_time",
      },
    });
    interfaceId = iface.id;
    await db().flow.update({ where: { id: d.flowId }, data: { interfaceId } });
    const res = await fetch(`http://127.0.0.1:${engine.port}/flows/${shopName}/dev`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-correlation-id": "h6-corr-1" },
      body: JSON.stringify({ orderNo: "SO-7", buyer: { fullName: "Ada Lovelace", email: "ada@example.com" } }),
    });
    expect(res.status).toBeLessThan(300);
    await waitFor(() => target.received.length >= 1, "the ERP to receive the order");
    await waitFor(
      async () =>
        (await db().metricMinute.count({ where: { flowId: d.flowId, step: "", countOk: { gt: 0 } } })) &&
        (await db().messageRun.count({ where: { correlationId: "h6-corr-1", status: "succeeded" } })) >= 2,
      "both runs and the ERP flow's rollup",
    );
  }, 60_000);

  afterAll(async () => {
    await stopEngineSuite(engine, pool, queues);
    await target.close();
    await pool.end();
  });

  it("traces a target field back through both flows to the source value", async () => {
    expect(JSON.parse(target.received[0].body)).toEqual({ CustomerName: "ADA LOVELACE", Ref: "SO-7" });
    const r = await whereFrom(actor, { ref: "h6-corr-1", field: "CustomerName" });
    expect(r.hops).toHaveLength(2);
    expect(r.hops[0]).toMatchObject({
      flowName: erp.flowName,
      outputPath: "CustomerName",
      outputValue: "ADA LOVELACE",
      inputs: [{ path: "customer.name", value: "Ada Lovelace" }],
      kind: "derived",
      payloadsRetained: true,
    });
    expect(r.hops[0].steps.map((s) => s.stepId)).toEqual(["erp", "keep"]);
    expect(r.hops[1]).toMatchObject({
      outputPath: "customer.name",
      outputValue: "Ada Lovelace",
      inputs: [{ path: "buyer.fullName", value: "Ada Lovelace" }],
      kind: "copy",
    });
    expect(r.source).toMatchObject({ fields: [{ path: "buyer.fullName", value: "Ada Lovelace" }], retained: true });
    expect(r.source?.system).toBeNull(); // the shop flow implements no interface
    // A run id works as well as a correlation id; a payload-less run says so.
    const erpRun = await db().messageRun.findFirstOrThrow({ where: { flowId: erp.flowId } });
    await db().messageRun.update({ where: { id: erpRun.id }, data: { inputPayload: null, outputPayload: null } });
    const bare = await whereFrom(actor, { ref: erpRun.id, field: "Ref" });
    expect(bare.hops[0]).toMatchObject({
      payloadsRetained: false,
      outputValue: undefined,
      inputs: [{ path: "ref", value: undefined }],
    });
    expect(bare.notes.join(" ")).toMatch(/did not retain its payloads/);
    await expect(whereFrom(actor, { ref: "no-such-thing", field: "x" })).rejects.toThrow(/No message run/);
  });

  it("builds the graph and exports OpenLineage events with column lineage", async () => {
    const g = await lineageGraph(actor, { kind: "interface", id: interfaceId });
    const kinds = g.nodes.map((n) => n.kind).sort();
    expect(kinds).toEqual(["flow", "interface", "step", "step", "system", "system", "target"]);
    expect(g.flows[0].fields.find((f) => f.target === "CustomerName")).toMatchObject({ sources: ["customer.name"] });
    const plan = await planLineageExport(actor, {
      flowId: erp.flowId,
      environment: "dev",
      from: new Date(Date.now() - 3_600_000).toISOString(),
      to: new Date(Date.now() + MINUTE).toISOString(),
    });
    expect(plan).toMatchObject({ mode: "runs", count: 1 });
    const events = [];
    for await (const e of plan.events()) events.push(e);
    expect(events).toHaveLength(1);
    const cl = events[0].outputs[0].facets.columnLineage as {
      fields: Record<string, { inputFields: { field: string }[] }>;
    };
    expect(cl.fields.CustomerName.inputFields[0].field).toBe("customer.name");
    const minutes = await planLineageExport(actor, {
      flowId: erp.flowId,
      environment: "dev",
      from: new Date(Date.now() - 3_600_000).toISOString(),
      to: new Date(Date.now() + MINUTE).toISOString(),
      mode: "minutes",
    });
    const agg = [];
    for await (const e of minutes.events()) agg.push(e);
    expect(agg.length).toBeGreaterThanOrEqual(1);
    expect(agg[0].run.facets.switchboard_lineage).toMatchObject({ aggregate: "minute", delivered: 1 });
  });

  it("an SLA breach raises one alert and shows in the health signal; meeting it again resolves both", async () => {
    const sla = await createSla(actor, {
      interfaceId,
      environmentId: erp.environmentId,
      name: "Orders reach the ERP",
      freshnessMaxAgeMinutes: 1,
      accuracyTargetPct: 99,
    });
    await expect(
      createSla(actor, { interfaceId, environmentId: erp.environmentId, name: "dup", accuracyTargetPct: 90 }),
    ).rejects.toThrow(/already has an SLA/);
    // An hour after the delivery: stale. Clocks are injected, no waiting.
    const later = new Date(Date.now() + 60 * MINUTE);
    expect(await evaluateSlas(later)).toMatchObject({ sampled: 1, opened: 1 });
    expect(await evaluateSlas(later)).toMatchObject({ sampled: 0, opened: 0 }); // the period is sampled once
    const alert = await db().alert.findUniqueOrThrow({ where: { openKey: slaAlertKey(sla.id, "freshness") } });
    expect(alert).toMatchObject({ kind: "sla_breach", status: "open", flowId: erp.flowId });
    expect(await db().qualitySlaBreach.count({ where: { slaId: sla.id, endedAt: null } })).toBe(1);
    const [signal] = await readSignals(db(), { flowIds: [erp.flowId], environmentId: erp.environmentId }, later, [
      "slaCompliance",
    ]);
    expect(signal.score).toBeLessThanOrEqual(40);
    expect(signal.value).toBe(0);
    expect(signal.detail).toMatch(/in breach now/);

    await updateSla(actor, {
      id: sla.id,
      interfaceId,
      environmentId: erp.environmentId,
      name: "Orders reach the ERP",
      freshnessMaxAgeMinutes: 24 * 60,
      accuracyTargetPct: 99,
    });
    const next = new Date(later.getTime() + 5 * MINUTE);
    expect(await evaluateSlas(next)).toMatchObject({ sampled: 1, ended: 1 });
    expect(await db().alert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({
      status: "resolved",
      openKey: null,
    });
    const [after] = await readSignals(db(), { flowIds: [erp.flowId], environmentId: erp.environmentId }, next, [
      "slaCompliance",
    ]);
    expect(after.value).toBe(50);
    expect(after.detail).toMatch(/no SLA in breach/);
    const audits = await db().auditEntry.count({ where: { entityId: sla.id, action: { startsWith: "quality.sla." } } });
    expect(audits).toBe(2);
  });
});
