import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { addHolder, readHolders, removeHolder, writeHolders } from "./pg-holders";

describe("holders", () => {
  const alive = (pids: number[]) => (pid: number) => pids.includes(pid);

  it("adds a holder once, however often it registers", () => {
    const me = { pid: 10, token: "a" };
    expect(addHolder(addHolder([], me), me)).toEqual([me]);
  });

  it("keeps the server for the remaining live holder when one lets go", () => {
    const rest = removeHolder(
      [
        { pid: 10, token: "a" },
        { pid: 11, token: "b" },
      ],
      "a",
      alive([10, 11]),
    );
    expect(rest).toEqual([{ pid: 11, token: "b" }]);
  });

  it("drops holders whose process died, so the last live one stops the server", () => {
    expect(
      removeHolder(
        [
          { pid: 10, token: "a" },
          { pid: 99, token: "dead" },
        ],
        "a",
        alive([10]),
      ),
    ).toEqual([]);
  });

  it("round-trips through the file and deletes it when nobody holds the server", () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "sb-holders-")), "pg-holders.json");
    writeHolders(file, [{ pid: 1, token: "x" }]);
    expect(readHolders(file)).toEqual([{ pid: 1, token: "x" }]);
    writeHolders(file, []);
    expect(readHolders(file)).toEqual([]);
  });

  it("treats a corrupt file as no holders instead of crashing the launcher", async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "sb-holders-")), "pg-holders.json");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(file, "{not json");
    expect(readHolders(file)).toEqual([]);
  });
});
