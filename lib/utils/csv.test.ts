import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { csvField, csvStream, toCsv, type CsvColumn } from "./csv";

type Row = { name: string; note?: unknown; n?: number };
const columns: CsvColumn<Row>[] = [
  { id: "name", header: "Name" },
  { id: "note", header: "Note" },
];

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

describe("csvField", () => {
  it("quotes only fields with comma, quote, CR or LF and doubles quotes", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("line1\nline2")).toBe('"line1\nline2"');
    expect(csvField("x\ry")).toBe('"x\ry"');
  });

  it.each(["=SUM(A1:A2)", "+1", "-2+3", "@cmd", "\tx", "\rx"])(
    "neutralises formula trigger %j with a leading quote",
    (text) => {
      expect(csvField(text).replace(/^"/, "").startsWith("'")).toBe(true);
    },
  );

  it("keeps real numbers, including negatives, and renders other types predictably", () => {
    expect(csvField(-5)).toBe("-5");
    expect(csvField(12n)).toBe("12");
    expect(csvField(true)).toBe("true");
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvField(new Date("2026-01-02T03:04:05.000Z"))).toBe("2026-01-02T03:04:05.000Z");
    expect(csvField({ a: 1, b: [2] })).toBe('"{""a"":1,""b"":[2]}"');
  });
});

describe("toCsv", () => {
  it("writes a header and CRLF-terminated records", () => {
    expect(toCsv([{ name: "Ada", note: "x" }], columns)).toBe("Name,Note\r\nAda,x\r\n");
  });

  it("uses value() when given and adds a BOM on request", () => {
    const csv = toCsv(
      [{ name: "Ada", n: 2 }],
      [{ id: "double", header: "Double", value: (r: Row) => (r.n ?? 0) * 2 }],
      { bom: true },
    );
    expect(csv).toBe("\uFEFFDouble\r\n4\r\n");
  });

  it("round-trips awkward values through a real CSV parser", () => {
    const rows: Row[] = [
      { name: 'Quote "me", please', note: "multi\r\nline" },
      { name: "Ünïcödé ✓", note: '=HYPERLINK("http://evil")' },
      { name: "", note: null },
    ];
    const parsed = Papa.parse<string[]>(toCsv(rows, columns), { newline: "\r\n", skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual([
      ["Name", "Note"],
      ['Quote "me", please', "multi\r\nline"],
      ["Ünïcödé ✓", '\'=HYPERLINK("http://evil")'],
      ["", ""],
    ]);
  });
});

describe("csvStream", () => {
  it("streams every page as UTF-8 with a BOM by default", async () => {
    async function* pages() {
      yield [{ name: "a" }, { name: "b" }];
      yield [];
      yield [{ name: "ü" }];
    }
    const bytes = await readAll(csvStream<Row>(pages(), [{ id: "name", header: "Name" }]));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe("Name\r\na\r\nb\r\nü\r\n");
  });

  it("pulls pages lazily and stops the source on cancel", async () => {
    let fetched = 0;
    let closed = false;
    async function* pages() {
      try {
        for (;;) {
          fetched++;
          yield [{ name: String(fetched) }];
        }
      } finally {
        closed = true;
      }
    }
    const reader = csvStream<Row>(pages(), columns, { bom: false }).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("Name,Note\r\n");
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("1,\r\n");
    await reader.cancel();
    expect(fetched).toBeLessThanOrEqual(2);
    expect(closed).toBe(true);
  });

  it("surfaces a failing page as a stream error", async () => {
    async function* pages(): AsyncGenerator<Row[]> {
      yield [{ name: "ok" }];
      throw new Error("database went away");
    }
    await expect(readAll(csvStream(pages(), columns))).rejects.toThrow("database went away");
  });
});
