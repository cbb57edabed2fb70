import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { sampledIn } from "@/lib/engine/core/lineage-sample";
import { useTestDatabase as withTestDatabase } from "@/test/db";
import { getMessageJourney } from ".";
import { lineageSamplingFor } from "./sampling";

withTestDatabase();
const viewer: Actor = { id: null, email: "viewer@example.com", name: "Viewer", role: "viewer" };
const RATE = 0.25;
const spec = (lineage?: object) => ({
  name: "x",
  input: { use: "queue", config: { queue: "in" } },
  steps: [],
  outputs: [{ id: "out", use: "queue", config: { queue: "out" } }],
  policy: lineage ? { lineage } : {},
});
const ids: Record<string, string> = {};

async function deployed(name: string, s: object, active = true) {
  const flow = await db().flow.create({ data: { name, createdBy: "test" } });
  const version = await db().flowVersion.create({
    data: { flowId: flow.id, version: 1, spec: s, contentHash: `${name}-1`, createdBy: "test" },
  });
  await db().deployment.create({
    data: {
      flowId: flow.id,
      flowVersionId: version.id,
      environmentId: "env_dev",
      contentHash: version.contentHash,
      deployedBy: "test",
      activeSlot: active ? `${flow.id}:env_dev` : null,
    },
  });
  ids[name] = flow.id;
  return { flowId: flow.id, versionId: version.id };
}

beforeAll(async () => {
  await deployed("full-flow", spec());
  await deployed("sampled-flow", spec({ level: "sampled", sampleRate: RATE }));
  const errors = await deployed("errors-flow", spec({ level: "errors" }));
  await deployed("superseded-sampled", spec({ level: "sampled" }), false);
  await db().messageRun.create({
    data: {
      id: "run-errors",
      messageId: "m-failed",
      correlationId: "c-1",
      flowId: errors.flowId,
      flowVersionId: errors.versionId,
      environmentId: "env_dev",
      deploymentId: null,
      lineageLevel: "errors",
      status: "dead_lettered",
      inputHash: "h",
      startedAt: new Date(),
    },
  });
});

describe("why a message has no run", () => {
  it("names each active flow below full lineage and whether the message id is in its sample", async () => {
    // Ids on each side of the sample, found with the engine's own decision.
    const inside = Array.from({ length: 200 }, (_, i) => `m-${i}`).find((id) => sampledIn(id, RATE))!;
    const outside = Array.from({ length: 200 }, (_, i) => `m-${i}`).find((id) => !sampledIn(id, RATE))!;
    const forOutside = await lineageSamplingFor(viewer, outside);
    // Full-lineage flows and superseded deployments are not reasons; level errors never samples.
    expect(forOutside.map((f) => [f.flowName, f.level, f.sampleRate, f.sampledIn]).sort()).toEqual([
      ["errors-flow", "errors", 0, false],
      ["sampled-flow", "sampled", RATE, false],
    ]);
    const forInside = await lineageSamplingFor(viewer, inside);
    expect(forInside.find((f) => f.flowName === "sampled-flow")?.sampledIn).toBe(true);
    const onlyOne = await lineageSamplingFor(viewer, outside, { flowId: ids["sampled-flow"] });
    expect(onlyOne.map((f) => f.flowName)).toEqual(["sampled-flow"]);
  });

  it("a kept run's journey carries the level it was recorded at", async () => {
    const journey = await getMessageJourney(viewer, "run-errors");
    expect(journey.lineageLevel).toBe("errors");
    expect(journey.status).toBe("dead_lettered");
  });
});
