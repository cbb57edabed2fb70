import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixturePath } from "@/lib/engine/fixtures";
import { CliError, describeFailure } from "../errors";
import { useCliSandbox } from "@/test/cli-sandbox";
import { registerConvert } from "./convert";

const cli = useCliSandbox(registerConvert, ["convert"]);
const run = cli.run;

async function failure(...args: string[]) {
  const error = await run(...args).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CliError);
  return describeFailure(error);
}

describe("switchboard convert", () => {
  it("converts XML to JSON on stdout", async () => {
    await run(fixturePath("crm-customers.xml"), "--from", "xml", "--to", "json");
    expect(JSON.parse(cli.out.join("")).customers.customer[1].name).toBe("Globex Ltd");
  });

  it("writes --out and round-trips X12", async () => {
    const target = path.join(cli.dir, "po.json");
    await run(fixturePath("x12-850.edi"), "--from", "x12", "--to", "json", "--out", target);
    await run(target, "--from", "json", "--to", "x12");
    expect(cli.out.join("").trim()).toBe((await readFile(fixturePath("x12-850.edi"), "utf8")).trim());
  });

  it.each([
    ["bad.xml", "<a>\n  <b></a>", "xml", /^bad\.xml: XML parse error at line 2, column \d+: /],
    [
      "bad.json",
      '{"a": 1,\n "b": }',
      "json",
      /^bad\.json: JSON parse error at line 2, column 7: unexpected character "}"$/,
    ],
    [
      "bad.edi",
      "ISA*00*short~",
      "x12",
      /^bad\.edi: X12 parse error at segment 1 \(ISA\): ISA segment must be 106 characters$/,
    ],
    ["bad.csv", 'a,b\n1,"2\n', "csv", /^bad\.csv: CSV parse error at line 2/],
  ])("rejects %s with exit 2 and one line naming reason and position", async (name, content, from, expected) => {
    await writeFile(path.join(cli.dir, name), content);
    const { exitCode, message } = await failure(path.join(cli.dir, name), "--from", from, "--to", "json");
    expect(exitCode).toBe(2);
    expect(message).toMatch(expected);
    expect(message).not.toContain("\n");
  });

  it("enforces --max-bytes", async () => {
    const { exitCode, message } = await failure(
      fixturePath("order.json"),
      "--from",
      "json",
      "--to",
      "xml",
      "--max-bytes",
      "10",
    );
    expect(exitCode).toBe(2);
    expect(message).toMatch(/over the 10-byte limit/);
  });

  it("rejects unknown formats and unreadable files with exit 2", async () => {
    expect(await failure(fixturePath("order.json"), "--from", "yaml", "--to", "json")).toMatchObject({
      exitCode: 2,
      message: expect.stringContaining("not a format"),
    });
    expect(await failure(path.join(cli.dir, "missing.json"), "--from", "json", "--to", "xml")).toMatchObject({
      exitCode: 2,
      message: expect.stringContaining("ENOENT"),
    });
  });
});
