import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { createMessage, type Message } from "@/lib/engine/core/message";
import { readFixture } from "@/lib/engine/fixtures";
import { parsePayload } from "@/lib/engine/formats";
import type { TX12Document } from "@/lib/engine/formats/x12";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import type { TFlowSpecInput } from "@/lib/validation/flow-spec";
import type { TEngine } from "./engine";
import { bootEngine, deployRunning, startHttpTarget, stopEngineSuite, uniq, waitFor } from "./test-harness";

// Each payload format through a deployed flow on both transports: raw text in on a queue, parse,
// map with JSONata, serialize, and the converted document out on a queue or to an HTTP target.

const dbUrl = useTestDatabase();

type TSteps = NonNullable<TFlowSpecInput["steps"]>;
type TOutput = TFlowSpecInput["outputs"][number];

const CUSTOMERS_XML_TO_JSON =
  "[customers.customer.{ 'id': `@_id`, 'name': name, 'country': country, 'system': $$.customers.`@_system` }]";

// $rows keeps the object constructor from running once per CSV row.
const ORDER_LINES_TO_XML = `(
  $rows := $;
  $orders := $distinct($rows.orderId).( $id := $; { "@_id": $id, "line": [$rows[orderId = $id].{ "sku": sku, "qty": $number(qty), "amount": $round($number(qty) * $number(unitPrice), 2) }] } );
  { "orders": { "order": $orders } }
)`;

const ORDER_TO_CSV_ROWS = `lines.{ "orderId": $$.orderId, "sku": sku, "description": description, "qty": qty, "lineTotal": $round(qty * unitPrice, 2) }`;

// Answers the buyer's 850 with an 810 invoice from the partner: every PO1 line billed, TDS in cents.
const PO_850_TO_INVOICE_810 = `(
  $po := segments[tag = "BEG"].elements[2];
  $gs := segments[tag = "GS"];
  $lines := segments[tag = "PO1"];
  {
    "transactionSet": "810", "sender": $gs.elements[2], "receiver": $gs.elements[1],
    "controlNumber": 202, "date": "20231005", "time": "0900", "usageIndicator": "T",
    "segments": $append($append(
      [{ "tag": "BIG", "elements": ["20231005", "INV-" & $substringAfter($po, "PO-"), "", $po] }],
      [$lines.{ "tag": "IT1", "elements": [elements[0], elements[1], elements[2], elements[3], "", elements[5], elements[6]] }]),
      [{ "tag": "TDS", "elements": [$string($round($sum($lines.($number(elements[1]) * $number(elements[3]))) * 100))] }])
  }
)`;

// QTY and PRI follow their LIN segment: read them by position.
const EDIFACT_ORDERS_TO_JSON = `(
  $s := segments;
  {
    "orderId": $s[tag = "BGM"].elements[1][0],
    "orderDate": $s[tag = "DTM"].elements[0][1],
    "buyer": { "id": $s[tag = "NAD"].elements[1][0], "name": $s[tag = "NAD"].elements[3][0] },
    "lines": [$s#$i[tag = "LIN"].{ "sku": elements[2][0], "qty": $number($s[$i + 1].elements[0][1]), "unitPrice": $number($s[$i + 2].elements[0][1]) }]
  }
)`;

/** An HTTP target that records each request body as text with its content type. */
describe.each(["postgres", "rabbitmq"] as const)("payload formats on %s", (kind) => {
  let engine: TEngine;
  let pool: pg.Pool;
  let target: Awaited<ReturnType<typeof startHttpTarget>>;
  const queues: string[] = [];
  const queue = (p: string) => {
    const name = uniq(`sb-test.${p}`);
    queues.push(name);
    return name;
  };

  /** Deploys `queue in → steps → output` (a queue by default) and waits until it runs. */
  async function deploy(prefix: string, steps: TSteps, output?: TOutput) {
    const flowName = uniq(`fmt-${prefix}`);
    const [input, out] = [queue(`${prefix}-in`), queue(`${prefix}-out`)];
    queues.push(`sb.flow.${flowName}.dev`);
    const d = await deployRunning(pool, flowName, {
      input: { use: "queue", config: { queue: input } },
      steps,
      outputs: [output ?? { id: "out", use: "queue", config: { queue: out } }],
      policy: { dlq: true, retry: { maxAttempts: 2, initialDelayMs: 5, maxDelayMs: 20, multiplier: 2 } },
    });
    return { ...d, input, out };
  }

  const publish = (q: string, body: string, datacontenttype: string) =>
    engine.transport.publish(q, createMessage({ body, datacontenttype }));

  /** Reads the single message the flow delivered to `q`. */
  async function take(q: string): Promise<Message> {
    // Consume only once the flow created the queue: RabbitMQ 3.10 drops the whole connection when
    // basic.consume hits a quorum queue declared a moment earlier ({badmatch,{error,noproc}}).
    await waitFor(async () => (await engine.transport.depth(q)) > 0, `a message on ${q}`);
    const stop = new AbortController();
    let got: Message | undefined;
    const consumer = await engine.transport.consume(q, async (msg) => void (got ??= msg), {
      prefetch: 1,
      signal: stop.signal,
    });
    try {
      return await waitFor(() => got, `a message on ${q}`);
    } finally {
      stop.abort();
      await consumer.done;
    }
  }

  async function convert(prefix: string, steps: TSteps, payload: string, contentType: string): Promise<Message> {
    const f = await deploy(prefix, steps);
    await publish(f.input, payload, contentType);
    return take(f.out);
  }

  beforeAll(async () => {
    pool = createPgPool(dbUrl(), 3);
    engine = await bootEngine(dbUrl(), kind);
    target = await startHttpTarget();
  });

  afterAll(async () => {
    await stopEngineSuite(engine, pool, queues);
    await target.close();
    await pool.end();
  });

  it("XML → JSON: CRM customers (attributes, nested elements) become JSON records", async () => {
    const msg = await convert(
      "xml-json",
      [
        { id: "parse", use: "parse", config: { format: "xml" } },
        { id: "map", use: "transform_jsonata", config: { expression: CUSTOMERS_XML_TO_JSON } },
        { id: "write", use: "serialize", config: { format: "json" } },
      ],
      readFixture("crm-customers.xml"),
      "application/xml",
    );
    expect(msg.datacontenttype).toBe("application/json");
    expect(JSON.parse(msg.body as string)).toEqual([
      { id: "C-7", name: "Acme GmbH", country: "DE", system: "demo-crm" },
      { id: "C-8", name: "Globex Ltd", country: "GB", system: "demo-crm" },
    ]);
  });

  it("CSV → JSON → XML: order lines are grouped into one <order> per order id", async () => {
    const msg = await convert(
      "csv-xml",
      [
        { id: "parse", use: "parse", config: { format: "csv" } },
        { id: "group", use: "transform_jsonata", config: { expression: ORDER_LINES_TO_XML } },
        { id: "write", use: "serialize", config: { format: "xml" } },
      ],
      readFixture("orders.csv"),
      "text/csv",
    );
    expect(msg.datacontenttype).toBe("application/xml");
    expect(msg.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<orders>' +
        '<order id="PO-1001"><line><sku>A-1</sku><qty>10</qty><amount>2.5</amount></line><line><sku>B-2</sku><qty>3</qty><amount>0.3</amount></line></order>' +
        '<order id="PO-1002"><line><sku>C-3</sku><qty>1</qty><amount>1.5</amount></line></order>' +
        "</orders>",
    );
  });

  it("JSON → CSV: an order's lines become rows with computed totals", async () => {
    const msg = await convert(
      "json-csv",
      [
        { id: "parse", use: "parse", config: { format: "json" } },
        { id: "rows", use: "transform_jsonata", config: { expression: ORDER_TO_CSV_ROWS } },
        { id: "write", use: "serialize", config: { format: "csv" } },
      ],
      readFixture("order.json"),
      "application/json",
    );
    expect(msg.datacontenttype).toBe("text/csv");
    expect(msg.body).toBe(
      "orderId,sku,description,qty,lineTotal\nPO-1001,A-1,Bolt M8,10,2.5\nPO-1001,B-2,Nut M8,3,0.3\nPO-1001,C-3,Washer,1,1.5\n",
    );
  });

  it("X12 850 → X12 810: the purchase order is invoiced, enveloped and posted to an HTTP target", async () => {
    const f = await deploy(
      "x12-810",
      [
        { id: "parse", use: "parse", config: { format: "x12" } },
        { id: "invoice", use: "transform_jsonata", config: { expression: PO_850_TO_INVOICE_810 } },
        { id: "write", use: "serialize", config: { format: "x12" } },
      ],
      { id: "partner", use: "http", config: { url: target.url } },
    );
    const before = target.received.length;
    await publish(f.input, readFixture("x12-850.edi"), "application/edi-x12");
    const [got] = await waitFor(
      () => (target.received.length > before ? target.received.slice(before) : null),
      "the 810 at the target",
    );
    expect(got.contentType).toBe("application/edi-x12");
    const lines = got.body.split("\n");
    expect(lines[0]).toBe(readFixture("x12-810.edi").split("\n")[0]); // same ISA as the partner's own 810
    expect(lines.slice(2)).toEqual([
      "ST*810*0202~",
      "BIG*20231005*INV-1001**PO-1001~",
      "IT1*1*10*EA*0.25**VP*A-1~",
      "IT1*2*3*EA*0.10**VP*B-2~",
      "IT1*3*1*EA*1.50**VP*C-3~",
      "TDS*430~",
      "SE*7*0202~",
      "GE*1*202~",
      "IEA*1*000000202~",
    ]);
    const doc = parsePayload("x12", got.body) as TX12Document; // envelope and counts hold up to the strict parser
    expect(doc.segments.find((s) => s.tag === "GS")?.elements.slice(0, 3)).toEqual([
      "IN",
      "DEMOEDIPARTNER",
      "ACMEBUYER",
    ]);
  });

  it("EDIFACT ORDERS → JSON (parse only): header, buyer and positional LIN/QTY/PRI lines", async () => {
    const msg = await convert(
      "edifact-json",
      [
        { id: "parse", use: "parse", config: { format: "edifact" } },
        { id: "map", use: "transform_jsonata", config: { expression: EDIFACT_ORDERS_TO_JSON } },
      ],
      readFixture("edifact-orders.edi"),
      "application/edifact",
    );
    expect(msg.datacontenttype).toBe("application/json");
    expect(msg.body).toEqual({
      orderId: "PO-1001",
      orderDate: "20231001",
      buyer: { id: "C-7", name: "Acme GmbH" },
      lines: [
        { sku: "A-1", qty: 10, unitPrice: 0.25 },
        { sku: "B-2", qty: 3, unitPrice: 0.1 },
      ],
    });
  });

  it.each([
    [
      "xml",
      "malformed XML",
      readFixture("crm-customers.xml").replace("<email>ops@acme.example</email>", "<email>ops@acme.example"),
      "application/xml",
      "XML parse error at line 8, column 3: Expected closing tag 'email'",
    ],
    [
      "x12",
      "an X12 850 with a wrong SE count",
      readFixture("x12-850.edi").replace("SE*8*0001", "SE*9*0001"),
      "application/edi-x12",
      "X12 parse error at segment 10 (SE), line 10, column 1: SE01 says 9 but the ST envelope holds 8 segments",
    ],
    [
      "edifact",
      "an EDIFACT message with a wrong UNT count",
      readFixture("edifact-orders.edi").replace("UNT+12+1'", "UNT+11+1'"),
      "application/edifact",
      "EDIFACT parse error at segment 13 (UNT): UNT01 says 11 but the message has 12 segments",
    ],
  ] as const)(
    "%s: %s goes to the dead letter channel with the reason, unretried and undelivered",
    async (format, _what, payload, contentType, reason) => {
      const f = await deploy(`bad-${format}`, [
        { id: "parse", use: "parse", config: { format } },
        { id: "write", use: "serialize", config: { format: "json" } },
      ]);
      await publish(f.input, payload, contentType);
      const dead = await waitFor(
        async () => (await pool.query(`SELECT * FROM "DeadLetter" WHERE "flowId" = $1`, [f.flowId])).rows[0],
        "a dead letter",
      );
      expect(dead).toMatchObject({
        failedStep: "parse",
        errorKind: "permanent",
        status: "pending",
        contentType,
        contentEncoding: "utf8",
        originalBody: payload,
      });
      expect(dead.error).toContain(reason);
      expect(dead.attemptHistory).toHaveLength(1); // a parse error is permanent: no retries
      // The dead letter is written during the run, its MessageRun row just after.
      const runs = await waitFor(async () => {
        const r = await pool.query(`SELECT "status" FROM "MessageRun" WHERE "flowId" = $1`, [f.flowId]);
        return r.rowCount ? r.rows : null;
      }, "the run recorded");
      expect(runs).toEqual([{ status: "dead_lettered" }]);
      expect(await engine.transport.depth(f.out)).toBe(0);
    },
  );
});
