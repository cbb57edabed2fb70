import { describe, expect, it } from "vitest";
import { ParseError, PayloadTooLargeError } from "@/lib/engine/core/errors";
import { readFixture } from "@/lib/engine/fixtures";
import { convert, parsePayload, serializePayload } from "./index";
import type { TX12Document } from "./x12";
import type { TEdifactDocument } from "./edifact";

function parseErr(fn: () => unknown): ParseError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ParseError);
    return e as ParseError;
  }
  throw new Error("expected a ParseError");
}

describe("JSON", () => {
  it.each([
    ['{"a":}', "line 1, column 6"],
    ['{\n  "a": 1,\n  "b": tru\n}', "line 3, column 8"],
    ["[1,2", "line 1, column 5"],
    ["", "line 1, column 1"],
  ])("rejects %j at %s", (text, position) => {
    const e = parseErr(() => parsePayload("json", text));
    expect(e.position).toBe(position);
    expect(e.reason).not.toBe("");
  });

  it("enforces the size limit", () => {
    expect(() => parsePayload("json", "[1,2,3]", { maxBytes: 3 })).toThrow(PayloadTooLargeError);
    expect(() => parsePayload("json", "[1,2,3]", { maxBytes: 3 })).toThrow(/7 bytes, over the 3-byte limit/);
  });
});

describe("XML", () => {
  it("parses attributes and keeps values as strings", () => {
    const doc = parsePayload("xml", readFixture("crm-customer.xml")) as { customer: Record<string, string> };
    expect(doc.customer).toMatchObject({ "@_id": "C-9", postalCode: "01234", name: "Initech & Co" });
  });

  it.each([
    ['<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa">]>\n<x>&a;</x>', "entity declarations", "line 2"],
    ['<!DOCTYPE x SYSTEM "file:///etc/passwd"><x/>', "external DTD", "line 1"],
    ["<a>\n  <b></a>", "", "line 2"],
    ["<a><b></b>", "", "line 1"],
  ])("rejects %j", (text, reason, line) => {
    const e = parseErr(() => parsePayload("xml", text));
    expect(e.reason).toContain(reason);
    expect(e.position).toContain(line);
  });

  it("decodes predefined entities and character references once", () => {
    expect(parsePayload("xml", '<a b="&quot;x&quot;">&amp;lt; &#65;&#x42; &unknown;</a>')).toEqual({
      a: { "#text": "&lt; AB &unknown;", "@_b": '"x"' },
    });
  });

  it("round-trips through JSON", () => {
    const xml = serializePayload("xml", { order: { "@_id": "1", line: [{ sku: "A" }, { sku: "B" }] } });
    expect(parsePayload("xml", xml)).toEqual({ order: { "@_id": "1", line: [{ sku: "A" }, { sku: "B" }] } });
  });

  it("wraps multi-key objects in a root and refuses invalid names", () => {
    expect(serializePayload("xml", { a: "1", b: "2" }, { xmlRootName: "doc" })).toContain("<doc>");
    expect(() => serializePayload("xml", { "bad name": 1 })).toThrow(/not a valid XML name/);
  });
});

describe("CSV", () => {
  it("maps the header row to objects", () => {
    expect(parsePayload("csv", readFixture("orders.csv"))).toEqual([
      { orderId: "PO-1001", sku: "A-1", qty: "10", unitPrice: "0.25" },
      { orderId: "PO-1001", sku: "B-2", qty: "3", unitPrice: "0.10" },
      { orderId: "PO-1002", sku: "C-3", qty: "1", unitPrice: "1.50" },
    ]);
  });

  it("names the line of a malformed row", () => {
    const e = parseErr(() => parsePayload("csv", 'a,b\n1,2\n3,"4\n'));
    expect(e.position).toMatch(/^line 3/);
  });

  it("serializes nested values as JSON", () => {
    expect(
      serializePayload("csv", [
        { a: 1, b: { c: 2 } },
        { a: 3, d: "x,y" },
      ]),
    ).toBe('a,b,d\n1,"{""c"":2}",\n3,,"x,y"\n');
  });
});

describe("X12", () => {
  it.each(["x12-850.edi", "x12-810.edi", "x12-856.edi"])("parses %s and writes it back identically", (name) => {
    const text = readFixture(name);
    const doc = parsePayload("x12", text) as TX12Document;
    expect(doc.segments[0].tag).toBe("ISA");
    expect(doc.delimiters).toEqual({ element: "*", segment: "~", component: ">" });
    expect(serializePayload("x12", doc)).toBe(text.trim());
  });

  it("writes with other delimiters", () => {
    const doc = parsePayload("x12", readFixture("x12-850.edi")) as TX12Document;
    const out = serializePayload("x12", doc, { x12Delimiters: { element: "|", segment: "\n", component: "^" } });
    expect(out.split("\n")[2]).toBe("ST|850|0001");
    expect((parsePayload("x12", out) as TX12Document).segments).toEqual(
      doc.segments.map((s) => (s.tag === "ISA" ? { ...s, elements: [...s.elements.slice(0, 15), "^"] } : s)),
    );
  });

  it("envelopes an 850 transaction with correct counts", () => {
    const out = serializePayload("x12", {
      transactionSet: "850",
      sender: "ACME",
      receiver: "PARTNER",
      controlNumber: 7,
      date: "20240102",
      time: "0930",
      segments: [
        { tag: "BEG", elements: ["00", "SA", "PO-1", "", "20240102"] },
        { tag: "CTT", elements: ["0"] },
      ],
    });
    const doc = parsePayload("x12", out) as TX12Document;
    expect(doc.segments.map((s) => s.tag)).toEqual(["ISA", "GS", "ST", "BEG", "CTT", "SE", "GE", "IEA"]);
    expect(doc.segments[5].elements).toEqual(["4", "0007"]);
  });

  it.each([
    ["SE*8*0001", "SE*9*0001", "SE01 says 9", "segment 10 (SE)"],
    ["GE*1*101~\n", "", "GS opened at segment 2 is not closed before IEA", "segment 11 (IEA)"],
    ["BEG*00", "beg*00", "invalid segment id", "segment 4"],
  ])("rejects a broken envelope (%s → %s)", (from, to, reason, position) => {
    const e = parseErr(() => parsePayload("x12", readFixture("x12-850.edi").replace(from, to)));
    expect(e.reason).toContain(reason);
    expect(e.position).toContain(position);
  });

  it("rejects a document that is not X12", () => {
    expect(parseErr(() => parsePayload("x12", "hello")).reason).toMatch(/must start with an ISA/);
  });
});

describe("EDIFACT", () => {
  it("parses ORDERS and writes it back", () => {
    const doc = parsePayload("edifact", readFixture("edifact-orders.edi")) as TEdifactDocument;
    expect(doc.segments.find((s) => s.tag === "BGM")!.elements).toEqual([["220"], ["PO-1001"], ["9"]]);
    const again = parsePayload("edifact", serializePayload("edifact", doc)) as TEdifactDocument;
    expect(again).toEqual(doc);
  });

  it("escapes delimiters in values", () => {
    const text = serializePayload("edifact", {
      segments: [
        { tag: "UNH", elements: [["1"], ["ORDERS", "D", "96A", "UN"]] },
        { tag: "FTX", elements: [["AAI"], [""], [""], ["it's 50+1: ok?"]] },
        { tag: "UNT", elements: [["3"], ["1"]] },
      ],
    });
    expect(text).toContain("it?'s 50?+1?: ok??");
    expect(
      (
        parsePayload(
          "edifact",
          `UNB+UNOC:3+A+B+231001:1200+1'${text.split("\n").slice(1).join("")}UNZ+1+1'`,
        ) as TEdifactDocument
      ).segments[2].elements[3],
    ).toEqual(["it's 50+1: ok?"]);
  });

  it.each([
    ["UNT+12+1'", "UNT+5+1'", "UNT01 says 5", "segment 13 (UNT)"],
    ["QTY+21:10'", "QTY+21:10", "", "segment"],
  ])("rejects a broken message (%s → %s)", (from, to, reason, position) => {
    const e = parseErr(() => parsePayload("edifact", readFixture("edifact-orders.edi").replace(from, to)));
    expect(e.reason).toContain(reason);
    expect(e.position).toContain(position);
  });
});

describe("convert", () => {
  it("converts XML to JSON and CSV to XML", () => {
    expect(JSON.parse(convert(readFixture("crm-customers.xml"), "xml", "json")).customers.customer).toHaveLength(2);
    expect(convert(readFixture("orders.csv"), "csv", "xml")).toContain("<sku>A-1</sku>");
  });

  it("needs the segment shape to write X12 from arbitrary JSON", () => {
    expect(() => convert('{"a":1}', "json", "x12")).toThrow(/X12 serialize needs/);
  });
});
