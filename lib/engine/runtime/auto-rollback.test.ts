import { describe, expect, it } from "vitest";
import { breach, type TDeploymentHealth } from "./auto-rollback";

const policy = { errorRate: 0.5, minutes: 15, minMessages: 10 };
const health = (messages: number, errors: number): TDeploymentHealth => ({
  deploymentId: "d2",
  flowId: "f1",
  flowName: "orders",
  version: 2,
  environmentKey: "prod",
  activatedAt: new Date("2026-12-02T10:00:00Z"),
  messages,
  errors,
});

describe("breach", () => {
  it.each([
    ["too few messages to judge", 9, 9],
    ["below the error rate", 20, 9],
    ["no traffic", 0, 0],
  ])("leaves a deployment alone with %s", (_, messages, errors) => {
    expect(breach(health(messages, errors), policy)).toBeNull();
  });

  it("rolls back at the threshold, naming the figures in the change", () => {
    const r = breach(health(20, 10), policy)!;
    expect(r).toMatchObject({
      flowId: "f1",
      environmentKey: "prod",
      title: "Automatic rollback of orders v2 in prod",
    });
    expect(r.description).toContain(
      "error rate 50% (10 of 20 messages failed or dead-lettered) since orders v2 was activated at 2026-12-02T10:00:00.000Z",
    );
    expect(r.description).toContain("the policy's 50% over at least 10 messages within 15 minutes");
  });
});
