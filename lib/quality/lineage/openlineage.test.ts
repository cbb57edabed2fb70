import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { flowFieldLineage } from "./flow-fields";
import { buildRunEvent, eventTypeOf, systemNamespace, uuidFrom } from "./openlineage";
import { OPENLINEAGE_RUN_EVENT_SCHEMA } from "./openlineage-schema";

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(OPENLINEAGE_RUN_EVENT_SCHEMA);

const fields = flowFieldLineage(
  [
    {
      id: "map",
      use: "transform_jsonata",
      config: { expression: '{"id": orderId, "total": qty * price, "lines": items.{"sku": sku}}' },
    },
    { id: "enrich", use: "enrich_http", config: {} },
  ],
  (use) => ({ transform_jsonata: true, enrich_http: false })[use],
);
const mapOnly = flowFieldLineage(
  [
    {
      id: "map",
      use: "transform_jsonata",
      config: { expression: '{"id": orderId, "total": qty * price, "lines": items.{"sku": sku}}' },
    },
  ],
  () => true,
);

const event = (f = mapOnly) =>
  buildRunEvent({
    runId: "3b452093-782c-4ef2-9c0c-aafe2aa6f34d",
    eventType: "COMPLETE",
    eventTime: new Date("2026-11-30T10:00:00Z"),
    job: { namespace: "switchboard.prod", name: "orders-to-erp", description: "Orders" },
    input: {
      namespace: systemNamespace({ name: "Web Shop", endpoints: ["https://shop.example/api"] }),
      name: "orders",
    },
    outputs: [{ namespace: systemNamespace({ name: "SAP ERP" }), name: "orders" }],
    fields: f,
    run: { messageId: "m-1" },
  });

describe("OpenLineage RunEvent", () => {
  it("validates against the OpenLineage schema (RunEvent with the columnLineage facet)", () => {
    const e = event();
    expect(validate(e), JSON.stringify(validate.errors)).toBe(true);
    expect(e.outputs[0].namespace).toBe("switchboard://system/sap-erp");
    expect(e.inputs[0].namespace).toBe("https://shop.example");
  });

  it("maps each target field to its input fields with the kind of transformation", () => {
    const cl = event().outputs[0].facets.columnLineage as {
      fields: Record<string, { inputFields: { field: string; transformations: { subtype: string }[] }[] }>;
    };
    expect(cl.fields.id.inputFields).toEqual([
      expect.objectContaining({ namespace: "https://shop.example", name: "orders", field: "orderId" }),
    ]);
    expect(cl.fields.id.inputFields[0].transformations[0].subtype).toBe("IDENTITY");
    expect(cl.fields.total.inputFields.map((f) => f.field).sort()).toEqual(["price", "qty"]);
    expect(cl.fields.total.inputFields[0].transformations[0].subtype).toBe("TRANSFORMATION");
    expect(cl.fields["lines.sku"].inputFields[0].field).toBe("items.sku");
  });

  it("leaves opaque fields out of the facet and names them in the run facet", () => {
    const e = event(fields);
    expect(validate(e)).toBe(true);
    expect((e.outputs[0].facets.columnLineage as { fields: object }).fields).toEqual({});
    const run = e.run.facets.switchboard_lineage as { opaqueFields: { field: string; opaqueAt: string }[] };
    expect(run.opaqueFields).toContainEqual({ field: "id", opaqueAt: "enrich" });
  });

  it("rejects what the schema forbids, so the validation can fail", () => {
    const bad = { ...event(), run: { runId: "not-a-uuid", facets: {} } };
    expect(validate(bad)).toBe(false);
    const noProducer = { ...event(), producer: undefined };
    expect(validate(noProducer)).toBe(false);
  });

  it("derives stable UUIDs for aggregate runs and event types from run statuses", () => {
    expect(uuidFrom("flow|2026-11-30T10:00")).toBe(uuidFrom("flow|2026-11-30T10:00"));
    expect(uuidFrom("a")).not.toBe(uuidFrom("b"));
    expect(ajv.validate({ type: "string", format: "uuid" }, uuidFrom("x"))).toBe(true);
    expect([eventTypeOf("succeeded"), eventTypeOf("dead_lettered"), eventTypeOf("running")]).toEqual([
      "COMPLETE",
      "FAIL",
      "RUNNING",
    ]);
  });
});
