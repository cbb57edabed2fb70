import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { flowConfigKind, toFlowDocument } from "@/lib/services/flows/config-item";
import { flowContentHash } from "@/lib/engine/core/flow-version";
import { ZFlowSpec } from "@/lib/validation/flow-spec";
import type { TConfigKind } from "./kind";
import { parseConfigFiles, serializeEnvironmentFile, serializeItemFile, stableOrder } from "./files";

const kinds = [flowConfigKind as TConfigKind<unknown>];

const spec = ZFlowSpec.parse({
  name: "orders",
  description: "Orders to the ERP",
  input: { use: "http", config: { path: "/orders" } },
  steps: [{ id: "shape", use: "transform_jsonata", config: { expression: "{ 'id': orderId }" } }],
  outputs: [
    {
      id: "erp",
      use: "http",
      config: { url: "https://erp.example/orders", headers: { Authorization: "Bearer ${secrets.ERP_TOKEN}" } },
    },
  ],
});

const file = (content: string, path = "flows/orders.yaml") => [{ path, content }];
const exported = () =>
  serializeItemFile({ kind: "flow", version: 3, contentHash: flowContentHash(spec) }, toFlowDocument(spec));

function problem(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected a problem");
}

describe("config files", () => {
  it("round-trips a flow through YAML with the same content hash", () => {
    const text = exported();
    expect(text.split("\n").slice(0, 3)).toEqual([
      "# kind: flow",
      "# version: 3",
      `# hash: sha256:${flowContentHash(spec)}`,
    ]);
    const parsed = parseConfigFiles(file(text), kinds);
    expect(parsed.items).toHaveLength(1);
    expect(parsed.items[0]).toMatchObject({ kind: "flow", key: "orders", path: "flows/orders.yaml" });
    expect(flowConfigKind.hash(parsed.items[0].document as never)).toBe(flowContentHash(spec));
    expect(
      serializeItemFile({ kind: "flow", version: 3, contentHash: flowContentHash(spec) }, parsed.items[0].document),
    ).toBe(text);
  });

  it("writes keys in a stable order whatever order they were stored in", () => {
    const shuffled = JSON.parse(
      JSON.stringify({
        spec: {
          outputs: spec.outputs,
          policy: spec.policy,
          input: spec.input,
          steps: spec.steps,
          name: "orders",
          description: spec.description,
        },
        name: "orders",
        description: spec.description,
      }),
    );
    const a = YAML.stringify(stableOrder(shuffled));
    const b = YAML.stringify(stableOrder(toFlowDocument(spec)));
    expect(a).toBe(b);
    expect(Object.keys(YAML.parse(a))).toEqual(["name", "description", "spec"]);
    expect(Object.keys(YAML.parse(a).spec).slice(0, 4)).toEqual(["name", "description", "input", "steps"]);
  });

  it("names the file, the field and the problem in one line", () => {
    const bad = exported().replace("https://erp.example/orders", "not a url");
    expect(problem(() => parseConfigFiles(file(bad), kinds))).toBe(
      "flows/orders.yaml: spec.outputs.0.config.url: must be an http(s) URL",
    );
  });

  it("refuses a literal secret in a secret-bearing field", () => {
    const bad = exported().replace("Bearer ${secrets.ERP_TOKEN}", "Bearer abc123");
    expect(problem(() => parseConfigFiles(file(bad), kinds))).toMatch(
      /^flows\/orders\.yaml: spec\.outputs\.0\.config\.headers\.Authorization: a secret-bearing field must be a \$\{secrets\.NAME\} reference/,
    );
  });

  it.each([
    ["invalid YAML", exported() + "\n  : : [", "flows/orders.yaml", /^flows\/orders\.yaml: not valid YAML/],
    [
      "a name that is not the file's",
      exported(),
      "flows/other.yaml",
      /^flows\/other\.yaml: name: "orders" does not match the file name/,
    ],
    [
      "an unknown folder",
      exported(),
      "flow/orders.yaml",
      /^flow\/orders\.yaml: not a config file \(expected flows\/<name>\.yaml or environment\.yaml\)/,
    ],
    [
      "an unknown field",
      exported() + "extra: 1\n",
      "flows/orders.yaml",
      /^flows\/orders\.yaml: Unrecognized key: "extra"/,
    ],
  ])("refuses %s", (_label, content, path, message) => {
    expect(problem(() => parseConfigFiles(file(content, path), kinds))).toMatch(message);
  });

  it("ignores files that are not YAML and reads environment.yaml", () => {
    const env = serializeEnvironmentFile({
      environment: "test",
      variables: { ERP_URL: "https://erp.test.example" },
      secrets: { ERP_TOKEN: { provider: "env", reference: "ERP_TOKEN_TEST" } },
    });
    const parsed = parseConfigFiles(
      [
        { path: "README.md", content: "# notes" },
        { path: "environment.yaml", content: env },
      ],
      kinds,
    );
    expect(parsed.items).toEqual([]);
    expect(parsed.environment?.file).toEqual({
      environment: "test",
      variables: { ERP_URL: "https://erp.test.example" },
      secrets: { ERP_TOKEN: { provider: "env", reference: "ERP_TOKEN_TEST" } },
    });
    const leaked = env.replace("ERP_TOKEN_TEST", "s3cr3t-Value");
    expect(problem(() => parseConfigFiles(file(leaked, "environment.yaml"), kinds))).toMatch(
      /^environment\.yaml: secrets\.ERP_TOKEN\.reference: an environment variable name, not a value/,
    );
  });
});
