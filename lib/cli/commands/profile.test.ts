import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { useCliSandbox } from "@/test/cli-sandbox";
import { CliError, describeFailure } from "../errors";
import { registerProfile } from "./profile";

const cli = useCliSandbox(registerProfile, ["profile"]);

async function file(name: string, content: string): Promise<string> {
  const p = path.join(cli.dir, name);
  await writeFile(p, content);
  return p;
}

async function failure(...args: string[]) {
  const error = await cli.run(...args).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CliError);
  return describeFailure(error);
}

describe("switchboard profile", () => {
  it("prints {rows, columns} as JSON: nulls from empty fields, numeric min/max, zip codes as strings", async () => {
    const csv = await file("customers.csv", "id,zip,amount\n1,01234,2.5\n2,,10\n3,90210,\n");
    await cli.run(csv, "--format", "json");
    const report = JSON.parse(cli.out.join(""));
    expect(report.rows).toBe(3);
    expect(report.columns.map((c: { name: string }) => c.name)).toEqual(["id", "zip", "amount"]);
    expect(report.columns[0]).toMatchObject({ name: "id", type: "integer", nulls: 0, distinct: 3, min: 1, max: 3 });
    expect(report.columns[1]).toMatchObject({
      name: "zip",
      type: "string",
      nulls: 1,
      distinct: 2,
      min: "01234",
      max: "90210",
      formats: { digits: 1, integer: 1 },
    });
    expect(report.columns[2]).toMatchObject({ type: "number", nulls: 1, min: 2.5, max: 10 });
  });

  it("profiles JSON arrays and JSON lines (a .json file of lines too), missing keys as nulls", async () => {
    await cli.run(await file("a.json", '[{"a":1,"b":null},{"a":2}]'), "--format", "json");
    const array = JSON.parse(cli.out.join(""));
    expect(array.columns).toMatchObject([
      { name: "a", nulls: 0, min: 1, max: 2 },
      { name: "b", nulls: 2, type: "empty" },
    ]);
    cli.out.length = 0;
    await cli.run(await file("lines.json", '{"a":"x"}\n{"b":true}\n'), "--format", "json");
    const lines = JSON.parse(cli.out.join(""));
    expect(lines.rows).toBe(2);
    expect(lines.columns).toMatchObject([
      { name: "a", nulls: 1 },
      { name: "b", nulls: 1, type: "boolean" },
    ]);
  });

  it("prints a readable table by default", async () => {
    const csv = await file("t.csv", "name,when\nAnn,2024-01-01\nBob,2024-01-02T10:00:00Z\n");
    await cli.run(csv);
    const text = cli.out.join("");
    expect(text.split("\n")[0]).toBe(`${csv}: 2 rows, 2 columns`);
    expect(text).toMatch(/^column\s+type\s+nulls\s+distinct\s+min\s+max\s+length\s+formats$/m);
    expect(text).toMatch(/^name\s+string\s+0 \(0\.0%\)\s+2\s+Ann\s+Bob\s+3–3\s+text 100%$/m);
    expect(text).toMatch(/^when\s+datetime\*\s+0 \(0\.0%\)/m);
    expect(text).toContain("* more than one value type");
  });

  it("exits 2 naming file:line for a malformed line, and for a missing file", async () => {
    const bad = await file("bad.jsonl", '{"a":1}\n{"a":1}\n{"a":\n');
    expect(await failure(bad)).toEqual({ exitCode: 2, message: `${bad}:3: JSON unexpected end of JSON input` });
    const csv = await file("bad.csv", "a,b\n1,2\n3\n");
    expect(await failure(csv)).toEqual({ exitCode: 2, message: `${csv}:3: CSV row has 1 fields, the header has 2` });
    const missing = path.join(cli.dir, "nope.csv");
    expect(await failure(missing)).toEqual({ exitCode: 2, message: `${missing}: cannot read the file (ENOENT).` });
  });
});
