import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Command } from "commander";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fixturePath } from "@/lib/engine/fixtures";
import { CliError, describeFailure } from "../errors";
import { registerConvert } from "./convert";

let dir: string;
let out: string[];
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sb-convert-"));
  out = [];
  vi.spyOn(process.stdout, "write").mockImplementation((s) => (out.push(String(s)), true));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

async function run(...args: string[]) {
  const program = new Command().exitOverride();
  registerConvert(program);
  await program.parseAsync(["convert", ...args], { from: "user" });
}

async function failure(...args: string[]) {
  const error = await run(...args).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CliError);
  return describeFailure(error);
}

describe("switchboard convert", () => {
  it("converts XML to JSON on stdout", async () => {
    await run(fixturePath("crm-customers.xml"), "--from", "xml", "--to", "json");
    expect(JSON.parse(out.join("")).customers.customer[1].name).toBe("Globex Ltd");
  });

  it("writes --out and round-trips X12", async () => {
    const target = path.join(dir, "po.json");
    await run(fixturePath("x12-850.edi"), "--from", "x12", "--to", "json", "--out", target);
    await run(target, "--from", "json", "--to", "x12");
    expect(out.join("").trim()).toBe((await readFile(fixturePath("x12-850.edi"), "utf8")).trim());
  });

  it.each([
    ["bad.xml", "<a>\n  <b></a>", "xml", /^bad\.xml: XML parse error at line 2, column \d+: /],
    ["bad.json", '{"a": 1,\n "b": }', "json", /^bad\.json: JSON parse error at line 2, column 7: unexpected character "}"$/],
    ["bad.edi", "ISA*00*short~", "x12", /^bad\.edi: X12 parse error at segment 1 \(ISA\): ISA segment must be 106 characters$/],
    ["bad.csv", 'a,b\n1,"2\n', "csv", /^bad\.csv: CSV parse error at line 2/],
  ])("rejects %s with exit 2 and one line naming reason and position", async (name, content, from, expected) => {
    await writeFile(path.join(dir, name), content);
    const { exitCode, message } = await failure(path.join(dir, name), "--from", from, "--to", "json");
    expect(exitCode).toBe(2);
    expect(message).toMatch(expected);
    expect(message).not.toContain("\n");
  });

  it("enforces --max-bytes", async () => {
    const { exitCode, message } = await failure(fixturePath("order.json"), "--from", "json", "--to", "xml", "--max-bytes", "10");
    expect(exitCode).toBe(2);
    expect(message).toMatch(/over the 10-byte limit/);
  });

  it("rejects unknown formats and unreadable files with exit 2", async () => {
    expect(await failure(fixturePath("order.json"), "--from", "yaml", "--to", "json")).toMatchObject({ exitCode: 2, message: expect.stringContaining("not a format") });
    expect(await failure(path.join(dir, "missing.json"), "--from", "json", "--to", "xml")).toMatchObject({ exitCode: 2, message: expect.stringContaining("ENOENT") });
  });
});
