import { createHash } from "node:crypto";
import type { FieldTrace } from "./flow-fields";

// OpenLineage RunEvents (https://openlineage.io/spec/2-0-2/OpenLineage.json) for a flow's runs: the job
// is the flow in an environment, the input dataset the interface's source system, the output dataset its
// target system, and the output carries the columnLineage facet built from the flow's field lineage.
// Opaque traces are left out of the facet (OpenLineage has no way to say "unknown"), and said so in
// the run facet `switchboard_lineage` so a consumer can tell "no lineage" from "not derivable".

export const OPENLINEAGE_SCHEMA_URL = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
export const COLUMN_LINEAGE_SCHEMA_URL =
  "https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet";
export const PRODUCER = "https://github.com/switchboard/switchboard/tree/main/lib/quality/lineage";
const CUSTOM_FACET_SCHEMA_URL = "https://switchboard.dev/spec/facets/1-0-0/SwitchboardLineageRunFacet.json";

export type TOpenLineageDataset = { namespace: string; name: string };
export type TOpenLineageEventType = "START" | "COMPLETE" | "FAIL" | "ABORT" | "OTHER" | "RUNNING";

export type TRunEventInput = {
  runId: string;
  eventType: TOpenLineageEventType;
  eventTime: Date;
  job: { namespace: string; name: string; description?: string };
  input: TOpenLineageDataset;
  outputs: TOpenLineageDataset[];
  fields: FieldTrace[];
  /** Extra run facts (message ids, counts for an aggregate), kept in the custom run facet. */
  run?: Record<string, unknown>;
};

export type TRunEvent = {
  eventType: TOpenLineageEventType;
  eventTime: string;
  producer: string;
  schemaURL: string;
  run: { runId: string; facets: Record<string, unknown> };
  job: { namespace: string; name: string; facets: Record<string, unknown> };
  inputs: Array<TOpenLineageDataset & { facets: Record<string, unknown> }>;
  outputs: Array<TOpenLineageDataset & { facets: Record<string, unknown> }>;
};

const facetBase = (schemaURL: string) => ({ _producer: PRODUCER, _schemaURL: schemaURL });

/** A stable UUID from text (for per-minute aggregate runs, which have no run id of their own). */
export function uuidFrom(text: string): string {
  const h = createHash("sha256").update(text).digest("hex");
  // Version 5-shaped (name-based) and RFC 4122 variant, so validators that check the format accept it.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The body path as an OpenLineage field name: dots kept, the array hint dropped (lines[].sku → lines.sku). */
const fieldName = (path: string) => path.replace(/\[\]/g, "");

export function columnLineageFacet(input: TOpenLineageDataset, fields: FieldTrace[]) {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.kind === "opaque" || f.target === "*") continue;
    const target = fieldName(f.target) || "$";
    const inputFields = f.sources
      .filter((s) => !s.startsWith("$"))
      .map((s) => ({
        ...input,
        field: fieldName(s) || "$",
        transformations: [
          {
            type: "DIRECT",
            subtype: f.kind === "copy" ? "IDENTITY" : "TRANSFORMATION",
            description: f.kind === "copy" ? "copied" : "computed by the mapping",
          },
        ],
      }));
    out[target] = { inputFields };
  }
  return { ...facetBase(COLUMN_LINEAGE_SCHEMA_URL), fields: out };
}

export function buildRunEvent(e: TRunEventInput): TRunEvent {
  const opaque = e.fields.filter((f) => f.kind === "opaque");
  return {
    eventType: e.eventType,
    eventTime: e.eventTime.toISOString(),
    producer: PRODUCER,
    schemaURL: OPENLINEAGE_SCHEMA_URL,
    run: {
      runId: e.runId,
      facets: {
        switchboard_lineage: {
          ...facetBase(CUSTOM_FACET_SCHEMA_URL),
          ...(e.run ?? {}),
          opaqueFields: opaque.map((f) => ({ field: fieldName(f.target) || "$", opaqueAt: f.opaqueAt })),
        },
      },
    },
    job: {
      namespace: e.job.namespace,
      name: e.job.name,
      facets: e.job.description
        ? {
            documentation: {
              ...facetBase(
                "https://openlineage.io/spec/facets/1-0-1/DocumentationJobFacet.json#/$defs/DocumentationJobFacet",
              ),
              description: e.job.description,
            },
          }
        : {},
    },
    inputs: [{ ...e.input, facets: {} }],
    outputs: e.outputs.map((o) => ({ ...o, facets: { columnLineage: columnLineageFacet(e.input, e.fields) } })),
  };
}

/** A dataset namespace for a system: its first endpoint's origin when known, else a switchboard URI. */
export function systemNamespace(system: { name: string; endpoints?: string[] } | null): string {
  const endpoint = system?.endpoints?.[0];
  if (endpoint) {
    try {
      return new URL(endpoint).origin;
    } catch {
      // not a URL: fall through
    }
  }
  const slug = (system?.name ?? "unknown")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `switchboard://system/${slug || "unknown"}`;
}

/** The OpenLineage event type of a message run's status. */
export function eventTypeOf(status: string): TOpenLineageEventType {
  if (status === "succeeded" || status === "filtered") return "COMPLETE";
  if (status === "failed" || status === "dead_lettered") return "FAIL";
  return "RUNNING";
}
