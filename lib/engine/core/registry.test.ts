import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createRegistry } from "@/lib/engine/components";
import { defineComponent } from "./contracts";
import { ConfigError } from "./errors";
import { Registry } from "./registry";

const echo = defineComponent({
  kind: "processor",
  name: "echo",
  status: "beta",
  summary: "test",
  config: z.object({ times: z.number().int().min(1).default(1), label: z.string() }).strict(),
  create: (config) => ({
    process: async (msg) =>
      Array.from({ length: config.times }, () => ({ ...msg, headers: { ...msg.headers, label: config.label } })),
  }),
});

describe("Registry", () => {
  it("throws on a duplicate kind:name", () => {
    expect(() => new Registry([echo, echo])).toThrow("processor:echo is registered twice");
  });

  it("allows the same name for different kinds", () => {
    const reg = createRegistry();
    expect(reg.get("input", "http")).toBeDefined();
    expect(reg.get("output", "http")).toBeDefined();
  });

  it("builds with defaults applied", async () => {
    const p = new Registry([echo]).build("processor", "echo", { label: "x" });
    expect(p).toBeDefined();
  });

  it("lists every issue with its path in ConfigError", () => {
    const reg = new Registry([echo]);
    try {
      reg.build("processor", "echo", { times: 0, extra: 1 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const paths = (error as ConfigError).issues.map((i) => i.path);
      expect(paths).toContain("times");
      expect(paths).toContain("label");
      expect((error as ConfigError).message).toMatch(/times: .*label: |label: .*times: /);
    }
  });

  it("names the known components when one is unknown", () => {
    expect(() => createRegistry().build("processor", "nope", {})).toThrow(
      /unknown processor "nope"; known: .*transform_jsonata/,
    );
  });

  it("describes every component with a JSON Schema of its config", () => {
    const described = createRegistry().describe();
    const transform = described.find((d) => d.kind === "processor" && d.name === "transform_jsonata")!;
    expect(transform.configSchema).toMatchObject({ type: "object", required: ["expression"] });
    expect(described.find((d) => d.name === "route")!.handlesFailed).toBe(true);
    for (const d of described) {
      expect(d.name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(d.configSchema.type).toBe("object");
    }
  });

  it("clone is independent", () => {
    const reg = createRegistry();
    const copy = reg.clone().add(echo);
    expect(copy.get("processor", "echo")).toBeDefined();
    expect(reg.get("processor", "echo")).toBeUndefined();
  });
});
