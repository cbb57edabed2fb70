import { describe, expect, it } from "vitest";
import { backlogPerFlow } from "./queue-depth";

describe("backlogPerFlow", () => {
  it("sums each deployment's queues, per flow and environment", () => {
    expect(
      backlogPerFlow([
        { queue: "orders", flowId: "f1", environmentId: "dev", depth: 7 },
        { queue: "sb.flow.orders.dev", flowId: "f1", environmentId: "dev", depth: 2 },
        { queue: "orders-prod", flowId: "f1", environmentId: "prod", depth: 1 },
        { queue: "sb.flow.invoices.dev", flowId: "f2", environmentId: "dev", depth: 0 },
      ]),
    ).toEqual([
      { flowId: "f1", environmentId: "dev", depth: 9 },
      { flowId: "f1", environmentId: "prod", depth: 1 },
      { flowId: "f2", environmentId: "dev", depth: 0 },
    ]);
  });

  it("counts a queue once per deployment even when it was read twice", () => {
    expect(
      backlogPerFlow([
        { queue: "q", flowId: "f", environmentId: "dev", depth: 4 },
        { queue: "q", flowId: "f", environmentId: "dev", depth: 4 },
      ]),
    ).toEqual([{ flowId: "f", environmentId: "dev", depth: 4 }]);
  });
});
