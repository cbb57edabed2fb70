import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMessage } from "@/lib/engine/core/message";
import { createRegistry } from "../index";
import { configTable } from "../shared/config-table";

const s = new AbortController().signal;
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sb-file-out-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("output file", () => {
  configTable("output", "file", [
    ["directory", { directory: "/tmp/x" }, "ok"],
    ["fileName expression", { directory: "/tmp/x", fileName: "orderId & '.json'" }, "ok"],
    ["empty directory", { directory: "" }, "directory"],
    ["bad expression", { directory: "/tmp/x", fileName: "&" }, "invalid JSONata"],
  ]);

  it("writes atomically under the computed name, leaving no temp files", async () => {
    const out = createRegistry().build("output", "file", {
      directory: path.join(dir, "drop"),
      fileName: "orderId & '.json'",
    });
    await out.connect(s);
    await out.write(createMessage({ body: { orderId: "PO-1" } }), s);
    expect(await readdir(path.join(dir, "drop"))).toEqual(["PO-1.json"]);
    expect(JSON.parse(await readFile(path.join(dir, "drop", "PO-1.json"), "utf8"))).toEqual({ orderId: "PO-1" });
  });

  it("refuses names that would escape the directory", async () => {
    const out = createRegistry().build("output", "file", { directory: dir, fileName: "name" });
    await out.connect(s);
    await expect(out.write(createMessage({ body: { name: "../../etc/passwd" } }), s)).rejects.toThrow(
      "not a safe file name",
    );
    expect(await readdir(dir)).toEqual([]);
  });
});
