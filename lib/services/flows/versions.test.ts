import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { checkFlowSpec } from "./versions";

const spec = (headers: Record<string, string>) => ({
  name: "partner-orders",
  input: { use: "http", config: { path: "/orders" } },
  outputs: [{ id: "erp", use: "http", config: { url: "https://erp.example/orders", headers } }],
});

describe("checkFlowSpec: secrets never in a flow", () => {
  it("refuses a literal value in a secret-bearing field, naming the field", () => {
    let error: unknown;
    try {
      checkFlowSpec({ spec: spec({ Authorization: "Bearer abc123" }) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fieldErrors).toEqual({
      "outputs.0.config.headers.Authorization": [
        "a secret-bearing field must be a ${secrets.NAME} reference, not a literal value",
      ],
    });
  });

  it("accepts a secret reference", () => {
    expect(checkFlowSpec({ spec: spec({ Authorization: "Bearer ${secrets.ERP_TOKEN}" }) }).name).toBe("partner-orders");
  });
});
