import { describe, expect, it } from "vitest";
import { loadReferenceFlow } from "@/lib/engine/fixtures";
import { idempotencyKeyOf } from "./idempotency";
import { createMessage } from "./message";

describe("idempotencyKeyOf", () => {
  const spec = loadReferenceFlow();

  it("evaluates the policy key on the body", async () => {
    expect(await idempotencyKeyOf(spec, createMessage({ body: { orderId: "PO-9" } }))).toBe("PO-9");
    expect(
      await idempotencyKeyOf(
        { ...spec, policy: { ...spec.policy, idempotencyKey: "customer.id & ':' & orderId" } },
        createMessage({ body: { orderId: 7, customer: { id: "C" } } }),
      ),
    ).toBe("C:7");
  });

  it("is undefined without a key and fails when the key is missing", async () => {
    expect(
      await idempotencyKeyOf(
        { ...spec, policy: { ...spec.policy, idempotencyKey: undefined } },
        createMessage({ body: {} }),
      ),
    ).toBeUndefined();
    await expect(idempotencyKeyOf(spec, createMessage({ body: {} }))).rejects.toThrow("gave nothing");
  });
});
