import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixturePath } from "@/lib/engine/fixtures";
import { CliError } from "../errors";
import { useCliSandbox } from "@/test/cli-sandbox";
import { registerFlow } from "./flow";

const cli = useCliSandbox(registerFlow, ["flow", "test"]);
const run = cli.run;

describe("switchboard flow test", () => {
  it("runs the reference flow, printing each step and the captured output", async () => {
    await run(fixturePath("reference-flow.yaml"), "--input", fixturePath("order.json"));
    const text = cli.out.join("");
    expect(text).toContain("── step validate (validate_json_schema): ok");
    expect(text).toContain('"name": "ACME GMBH"');
    expect(text).toContain("[route priority]");
    expect(text).toContain("── captured by output priority_out");
    expect(text).toContain("Result: ok (outputs captured; use --live to call them)");
  });

  it("routes an invalid order to the rejected output", async () => {
    await run(fixturePath("reference-flow.yaml"), "--input", fixturePath("order-invalid.json"));
    const text = cli.out.join("");
    expect(text).toMatch(/step validate \(validate_json_schema\): failed, \d+ ms — schema validation failed/);
    expect(text).toContain("step transform (transform_jsonata): skipped");
    expect(text).toContain("captured by output rejected_out");
  });

  it("exits 1 when the message is dead-lettered and 2 for an invalid spec", async () => {
    const flow = path.join(cli.dir, "f.yaml");
    await writeFile(
      flow,
      "name: t\ninput: {use: http, config: {path: /t}}\nsteps: [{id: m, use: transform_jsonata, config: {expression: nothing}}]\noutputs: [{id: o, use: http, config: {url: 'http://127.0.0.1:9/x'}}]\n",
    );
    const err = await run(flow, "--input", fixturePath("order.json")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(1);
    expect(cli.out.join("")).toContain("dead letter from m: JSONata mapping produced no value");
    await writeFile(
      flow,
      "name: t\ninput: {use: http, config: {}}\noutputs: [{id: o, use: http, config: {url: 'ftp://x'}}]\n",
    );
    const bad = await run(flow, "--input", fixturePath("order.json")).catch((e: unknown) => e);
    expect((bad as CliError).exitCode).toBe(2);
    expect((bad as CliError).message).toMatch(
      /input\.config\.path: .*outputs\.0\.config\.url: must be an http\(s\) URL/,
    );
  });
});
