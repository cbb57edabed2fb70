import { describe, expect, it } from "vitest";
import { missingConfigReason, placeholdersOf, resolvePlaceholders } from "./resolve-config";

const values = {
  vars: new Map([
    ["TARGET_URL", "https://erp.example.com/orders"],
    ["REGION", "eu"],
  ]),
  secrets: new Map([["ERP_TOKEN", "s3cr3t"]]),
};

describe("resolvePlaceholders", () => {
  it("replaces vars and secrets in every string at any depth, leaving other values alone", () => {
    const spec = {
      name: "orders",
      outputs: [
        {
          use: "http",
          config: {
            url: "${vars.TARGET_URL}",
            headers: { authorization: "Bearer ${secrets.ERP_TOKEN}", "x-region": "${vars.REGION}-${vars.REGION}" },
            timeoutMs: 500,
            retry: null,
          },
        },
      ],
    };
    const r = resolvePlaceholders(spec, values);
    expect(r).toEqual({
      ok: true,
      value: {
        name: "orders",
        outputs: [
          {
            use: "http",
            config: {
              url: "https://erp.example.com/orders",
              headers: { authorization: "Bearer s3cr3t", "x-region": "eu-eu" },
              timeoutMs: 500,
              retry: null,
            },
          },
        ],
      },
    });
    // The input (what is hashed) is untouched.
    expect(spec.outputs[0].config.url).toBe("${vars.TARGET_URL}");
  });

  it("names every missing variable and secret once and resolves nothing", () => {
    const r = resolvePlaceholders(
      { a: "${vars.NOPE}", b: ["${secrets.GONE} ${vars.NOPE}", "${secrets.ERP_TOKEN}"] },
      values,
    );
    expect(r).toEqual({ ok: false, missingVars: ["NOPE"], missingSecrets: ["GONE"] });
  });

  it("leaves text that only looks like a placeholder", () => {
    const spec = { e: "$vars.X", f: "${other.X}", g: "${vars.}", h: "$${vars.REGION}" };
    expect(resolvePlaceholders(spec, values)).toEqual({
      ok: true,
      value: { e: "$vars.X", f: "${other.X}", g: "${vars.}", h: "$eu" },
    });
  });

  it("lists the names a spec uses", () => {
    expect(placeholdersOf({ a: "${vars.A}${secrets.S}", b: ["${vars.A}", "${vars.B}"] })).toEqual({
      vars: ["A", "B"],
      secrets: ["S"],
    });
  });

  it("a refusal names what is missing and never a value", () => {
    const reason = missingConfigReason({ missingVars: [], missingSecrets: ["ERP_TOKEN"] }, "prod");
    expect(reason).toBe("cannot resolve the flow's configuration: secret ERP_TOKEN not referenced in prod");
    expect(missingConfigReason({ missingVars: ["A", "B"], missingSecrets: [] }, "test")).toBe(
      "cannot resolve the flow's configuration: variables A, B not set in test",
    );
  });
});
