import { describe, expect, it } from "vitest";
import { createMessage } from "@/lib/engine/core/message";
import { readFixture } from "@/lib/engine/fixtures";
import { createRegistry } from "../index";
import { configTable } from "../shared/config-table";

const s = new AbortController().signal;

describe("parse / serialize", () => {
  configTable("processor", "parse", [
    ["json", { format: "json" }, "ok"],
    ["csv with delimiter", { format: "csv", csvDelimiter: ";" }, "ok"],
    ["unknown format", { format: "yaml" }, "format"],
    ["maxBytes 0", { format: "xml", maxBytes: 0 }, "maxBytes"],
  ]);
  configTable("processor", "serialize", [
    ["xml", { format: "xml", xmlRootName: "order" }, "ok"],
    ["x12 delimiters", { format: "x12", x12Delimiters: { element: "|" } }, "ok"],
    ["two-char delimiter", { format: "x12", x12Delimiters: { element: "||" } }, "x12Delimiters.element"],
    ["bad root", { format: "xml", xmlRootName: "1x" }, "xmlRootName"],
  ]);

  it("parses an X12 850 body and serializes it back", async () => {
    const reg = createRegistry();
    const [parsed] = await reg
      .build("processor", "parse", { format: "x12" })
      .process(createMessage({ body: readFixture("x12-850.edi") }), s);
    expect(parsed.datacontenttype).toBe("application/json");
    const [written] = await reg.build("processor", "serialize", { format: "x12" }).process(parsed, s);
    expect(written.body).toBe(readFixture("x12-850.edi").trim());
    expect(written.datacontenttype).toBe("application/edi-x12");
  });

  it("fails with reason and position, and enforces maxBytes", async () => {
    const reg = createRegistry();
    await expect(
      reg.build("processor", "parse", { format: "xml" }).process(createMessage({ body: "<a><b></a>" }), s),
    ).rejects.toThrow(/XML parse error at line 1/);
    await expect(
      reg
        .build("processor", "parse", { format: "json", maxBytes: 4 })
        .process(createMessage({ body: Buffer.from("[1,2,3]") }), s),
    ).rejects.toThrow("over the 4-byte limit");
  });

  it("passes an already parsed JSON body through", async () => {
    const msg = createMessage({ body: { a: 1 } });
    expect(await createRegistry().build("processor", "parse", { format: "json" }).process(msg, s)).toEqual([msg]);
  });
});
