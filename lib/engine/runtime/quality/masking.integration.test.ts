import { randomBytes } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import { resetEnvCache } from "@/lib/env";
import { editAndReplay, getDeadLetterOrThrow, getMessageJourney } from "@/lib/services/runs";
import {
  classifyField,
  createMaskedDatasetJob,
  deployMaskingPolicy,
  detokenize,
  ensureActiveTokenKey,
  rotateTokenKey,
  saveMaskingPolicy,
} from "@/lib/services/quality/privacy";
import type { TEngine } from "../engine";
import {
  bindChange,
  bootEngine,
  startRecordingHttpTarget,
  stopEngineSuite,
  uniq,
  waitFor,
  waitForDeployment,
} from "../test-harness";
import { deployFlowDirect } from "../deploy";

const dbUrl = useTestDatabase();

const owner: Actor = { id: null, email: "owner@example.com", name: "Data Owner", role: "data_owner" };
const engineer: Actor = { id: null, email: "eng@example.com", name: "Engineer", role: "integration_engineer" };
const viewer: Actor = { id: null, email: "viewer@example.com", name: "Viewer", role: "viewer" };
const admin: Actor = { id: null, email: "admin@example.com", name: "Admin", role: "admin" };

type TDelivered = { ref: string; customer: { email: string; name: string }; card: string; qty: number };

describe("masking on live flows: test masked, prod clear", () => {
  let pool: pg.Pool;
  let engine: TEngine;
  const queues: string[] = [];
  beforeAll(() => {
    // The KEK comes from the environment, never the database.
    process.env.SWITCHBOARD_TOKEN_KEK = randomBytes(32).toString("base64");
    resetEnvCache();
    pool = createPgPool(dbUrl(), 3);
  });
  afterAll(async () => {
    if (engine) await stopEngineSuite(engine, pool, queues);
    await pool.end();
    delete process.env.SWITCHBOARD_TOKEN_KEK;
  });

  it("delivers masked values in test and clear ones in prod; tokens round-trip only for the permitted role", async () => {
    const target = await startRecordingHttpTarget();
    const flowName = uniq("pii");
    const spec = {
      name: flowName,
      input: { use: "http", config: { path: `/${flowName}` } },
      steps: [
        {
          id: "map",
          use: "transform_jsonata",
          config: { expression: `{"ref": ref, "customer": {"email": email, "name": name}, "card": card, "qty": qty}` },
        },
      ],
      outputs: [{ id: "out", use: "http", config: { url: target.url } }],
    };
    const envs = new Map((await db().environment.findMany()).map((e) => [e.key, e]));
    const inTest = await deployFlowDirect(pool, { flowName, spec, environmentKey: "test", deployedBy: "test" });
    const inProd = await deployFlowDirect(pool, { flowName, spec, environmentKey: "prod", deployedBy: "test" });
    await bindChange(pool, inProd.deploymentId);
    queues.push(`sb.flow.${flowName}.test`, `sb.flow.${flowName}.prod`);

    // Classifications on the flow's input; the policy masks by tag, the mapping carries them to the output.
    await ensureActiveTokenKey(owner);
    for (const [fieldPath, level, tags] of [
      ["email", "confidential", ["PII"]],
      ["name", "confidential", ["PII"]],
      ["card", "restricted", ["PCI", "financial"]],
    ] as const)
      await classifyField(owner, { scopeKind: "flow", scopeId: inTest.flowId, fieldPath, level, tags: [...tags] });
    const saved = await saveMaskingPolicy(owner, {
      document: JSON.stringify({
        key: uniq("policy"),
        rules: [
          { match: { tag: "PCI" }, method: "partial", keepLast: 4 },
          { match: { path: "customer.name" }, method: "redact" },
          { match: { tag: "PII" }, method: "tokenize" },
        ],
      }),
    });
    await expect(
      deployMaskingPolicy(viewer, { versionId: saved.versionId, environmentId: envs.get("dev")!.id }),
    ).rejects.toThrow(/quality:manage|not allow/);
    await deployMaskingPolicy(owner, { versionId: saved.versionId, environmentId: envs.get("dev")!.id });
    await deployMaskingPolicy(owner, { versionId: saved.versionId, environmentId: envs.get("test")!.id });
    await expect(
      deployMaskingPolicy(owner, { versionId: saved.versionId, environmentId: envs.get("prod")!.id }),
    ).rejects.toThrow(/Production runs what the CAB approved/);

    engine = await bootEngine(dbUrl(), "postgres");
    await waitForDeployment(pool, inTest.deploymentId, "running", "test deployment");
    await waitForDeployment(pool, inProd.deploymentId, "running", "prod deployment");
    const post = (env: string, ref: string) =>
      fetch(`http://127.0.0.1:${engine.port}/flows/${flowName}/${env}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          ref,
          email: "ada.lovelace@example.com",
          name: "Ada Lovelace",
          card: "4111 1111 1111 1111",
          qty: 3,
        }),
      });
    await post("test", "t-1");
    await post("prod", "p-1");
    const delivered = (ref: string) =>
      waitFor(
        () => target.records.map((r) => JSON.parse(r.body) as TDelivered).find((b) => b.ref === ref),
        `delivery ${ref}`,
      );

    const prod = await delivered("p-1");
    expect(prod.customer).toEqual({ email: "ada.lovelace@example.com", name: "Ada Lovelace" });
    expect(prod.card).toBe("4111 1111 1111 1111");

    const test = await delivered("t-1");
    expect(test.customer.name).toBe("[redacted]");
    expect(test.card).toBe("**** **** **** 1111");
    expect(test.qty).toBe(3);
    const token = test.customer.email;
    expect(token).toMatch(/^tk1_[a-z]{3}\.[a-z]{8}@[a-z]{7}\.[a-z]{3}$/);
    expect(token).not.toContain("lovelace");

    // The same value, the same token: joins on it still work.
    await post("test", "t-2");
    expect((await delivered("t-2")).customer.email).toBe(token);

    // Detokenize: the permitted role gets the value (audited), another role is refused.
    expect(await detokenize(owner, { token, reason: "support case 42" })).toEqual({
      value: "ada.lovelace@example.com",
      version: 1,
    });
    await expect(detokenize(engineer, { token, reason: "curious" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const audits = await db().auditEntry.findMany({ where: { action: "quality.detokenize" } });
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits[0].after)).not.toContain("ada.lovelace");
    expect(audits[0].after).toMatchObject({ keyVersion: 1, reason: "support case 42" });
    expect(audits[0].actorEmail).toBe("owner@example.com");

    // Rotation: new tokens carry the new version, old tokens still detokenize.
    await expect(rotateTokenKey(owner, { confirm: "nope" })).rejects.toThrow();
    await rotateTokenKey(owner, { confirm: "rotate" });
    const rotated = await waitFor(async () => {
      const ref = uniq("t");
      await post("test", ref);
      const email = (await delivered(ref)).customer.email;
      return email.startsWith("tk2_") ? email : null;
    }, "a token under key version 2");
    expect((await detokenize(owner, { token: rotated, reason: "check" })).value).toBe("ada.lovelace@example.com");
    expect((await detokenize(owner, { token, reason: "check" })).value).toBe("ada.lovelace@example.com");

    // The prod run's journey: masked for a viewer without quality:sensitive, clear for one with it.
    // Lineage is written in batches after the delivery: wait for the run's row.
    const runId = await waitFor(async () => {
      const run = await pool.query(
        `SELECT "id" FROM "MessageRun" WHERE "environmentId" = $1 AND "flowId" = $2 LIMIT 1`,
        [envs.get("prod")!.id, inProd.flowId],
      );
      return (run.rows[0]?.id as string | undefined) ?? null;
    }, "the prod run's lineage row");
    const asEngineer = await getMessageJourney(engineer, runId);
    expect(asEngineer.isPayloadMasked).toBe(true);
    expect(asEngineer.inputPayload).not.toContain("ada.lovelace");
    expect(asEngineer.inputPayload).not.toContain("4111 1111 1111 1111");
    expect(asEngineer.outputPayload ?? "").not.toContain("ada.lovelace");
    const asOwner = await getMessageJourney(owner, runId);
    expect(asOwner.isPayloadMasked).toBe(false);
    expect(asOwner.inputPayload).toContain("ada.lovelace@example.com");
    // A KEK that no longer unwraps the key (changed or lost) does not break a view whose policy tokenizes
    // (test's): the view redacts instead.
    const testRunId = await waitFor(async () => {
      const run = await pool.query(`SELECT "id" FROM "MessageRun" WHERE "environmentId" = $1 LIMIT 1`, [
        envs.get("test")!.id,
      ]);
      return (run.rows[0]?.id as string | undefined) ?? null;
    }, "a test run's lineage row");
    expect((await getMessageJourney(engineer, testRunId)).inputPayload).toMatch(/tk\d+_/);
    const kek = process.env.SWITCHBOARD_TOKEN_KEK;
    process.env.SWITCHBOARD_TOKEN_KEK = randomBytes(32).toString("base64");
    resetEnvCache();
    try {
      const withoutKey = await getMessageJourney(engineer, testRunId);
      expect(withoutKey.isPayloadMasked).toBe(true);
      expect(withoutKey.inputPayload).not.toContain("ada.lovelace");
      expect(withoutKey.inputPayload).not.toMatch(/tk\d+_/);
    } finally {
      process.env.SWITCHBOARD_TOKEN_KEK = kek;
      resetEnvCache();
    }

    // Masked dataset: production samples copied into test through its deployment, masked.
    const before = target.records.length;
    const job = await createMaskedDatasetJob(owner, {
      flowId: inProd.flowId,
      targetEnvironmentId: envs.get("test")!.id,
      limit: 10,
    });
    const finished = await waitFor(async () => {
      const j = await db().maskedDatasetJob.findUnique({ where: { id: job.id } });
      return j && (j.status === "succeeded" || j.status === "failed") ? j : null;
    }, "the masked-dataset job");
    expect(finished).toMatchObject({ status: "succeeded", total: 1, done: 1 });
    await waitFor(() => target.records.length > before, "the masked sample delivered in test");
    const copied = JSON.parse(target.records[target.records.length - 1].body) as TDelivered;
    expect(copied.ref).toBe("p-1");
    expect(JSON.stringify(copied)).not.toContain("ada.lovelace");
    expect(JSON.stringify(copied)).not.toContain("4111 1111 1111 1111");
    await target.close();
  });

  it("masks a dead letter's body for viewers without quality:sensitive", async () => {
    const flow = await db().flow.findFirstOrThrow({ where: { name: { startsWith: "pii-" } } });
    const version = await db().flowVersion.findFirstOrThrow({ where: { flowId: flow.id } });
    const env = await db().environment.findUniqueOrThrow({ where: { key: "prod" } });
    const dl = await db().deadLetter.create({
      data: {
        flowId: flow.id,
        flowVersionId: version.id,
        environmentId: env.id,
        messageId: uniq("m"),
        correlationId: uniq("c"),
        originalBody: JSON.stringify({ email: "grace@example.com", card: "5500 0000 0000 0004", qty: 1 }),
        failedStep: "out",
        error: "503",
      },
    });
    const masked = await getDeadLetterOrThrow(engineer, dl.id);
    expect(masked.isPayloadMasked).toBe(true);
    expect(JSON.parse(masked.originalBody)).toMatchObject({ email: "[redacted]", card: "[redacted]", qty: 1 });
    const clear = await getDeadLetterOrThrow(owner, dl.id);
    expect(JSON.parse(clear.originalBody)).toMatchObject({ email: "grace@example.com" });
    // Editing the masked view would replay "[redacted]": refused, and the letter stays pending.
    await expect(
      editAndReplay(engineer, { id: dl.id, body: masked.originalBody, reason: "fix the quantity" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await db().deadLetter.findUniqueOrThrow({ where: { id: dl.id } })).status).toBe("pending");
    // Someone who sees the values may edit them.
    const fixed = JSON.stringify({ email: "grace@example.com", card: "5500 0000 0000 0004", qty: 2 });
    await editAndReplay(admin, { id: dl.id, body: fixed, reason: "fix the quantity" });
    expect(await db().deadLetter.findUniqueOrThrow({ where: { id: dl.id } })).toMatchObject({
      status: "replay_requested",
      replayBody: fixed,
    });
  });
});
