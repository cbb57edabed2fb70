// The subset of the OpenLineage JSON schemas that RunEvents built here must satisfy, written from the
// spec (spec/OpenLineage.json 2-0-2: RunEvent, Run, Job, InputDataset, OutputDataset, BaseFacet; and
// spec/facets/ColumnLineageDatasetFacet.json 1-2-0: fields → inputFields with transformations). The
// tests validate the builder's output against it with Ajv; the export route does not need it at run time.

const baseFacet = {
  type: "object",
  properties: {
    _producer: { type: "string", format: "uri" },
    _schemaURL: { type: "string", format: "uri" },
  },
  required: ["_producer", "_schemaURL"],
  additionalProperties: true,
} as const;

const facets = { type: "object", additionalProperties: { $ref: "#/$defs/BaseFacet" } } as const;

const columnLineage = {
  allOf: [
    { $ref: "#/$defs/BaseFacet" },
    {
      type: "object",
      properties: {
        fields: {
          type: "object",
          additionalProperties: {
            type: "object",
            properties: {
              inputFields: {
                type: "array",
                items: {
                  type: "object",
                  properties: {
                    namespace: { type: "string" },
                    name: { type: "string" },
                    field: { type: "string" },
                    transformations: {
                      type: "array",
                      items: {
                        type: "object",
                        properties: {
                          type: { type: "string", enum: ["DIRECT", "INDIRECT"] },
                          subtype: { type: "string" },
                          description: { type: "string" },
                          masking: { type: "boolean" },
                        },
                        required: ["type"],
                      },
                    },
                  },
                  required: ["namespace", "name", "field"],
                },
              },
            },
            required: ["inputFields"],
          },
        },
      },
      required: ["fields"],
    },
  ],
} as const;

const dataset = {
  type: "object",
  properties: { namespace: { type: "string" }, name: { type: "string" }, facets },
  required: ["namespace", "name"],
} as const;

export const OPENLINEAGE_RUN_EVENT_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $defs: {
    BaseFacet: baseFacet,
    ColumnLineageDatasetFacet: columnLineage,
  },
  type: "object",
  properties: {
    eventType: { type: "string", enum: ["START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER"] },
    eventTime: { type: "string", format: "date-time" },
    producer: { type: "string", format: "uri" },
    schemaURL: { type: "string", format: "uri" },
    run: {
      type: "object",
      properties: { runId: { type: "string", format: "uuid" }, facets },
      required: ["runId"],
    },
    job: {
      type: "object",
      properties: { namespace: { type: "string" }, name: { type: "string" }, facets },
      required: ["namespace", "name"],
    },
    inputs: { type: "array", items: dataset },
    outputs: {
      type: "array",
      items: {
        allOf: [
          dataset,
          {
            type: "object",
            properties: {
              facets: {
                type: "object",
                properties: { columnLineage: { $ref: "#/$defs/ColumnLineageDatasetFacet" } },
              },
            },
          },
        ],
      },
    },
  },
  required: ["eventTime", "producer", "schemaURL", "run", "job"],
} as const;
