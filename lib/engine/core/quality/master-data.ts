// What master-data components (golden_record, lookups in rules) need from the host. The runtime's
// implementation applies the match and survivorship configuration deployed from the portal.

export type TSourceRecord = {
  entity: string;
  /** The system the record came from (inventory system key) and its id there. */
  system: string;
  sourceId: string;
  attributes: Record<string, unknown>;
  /** When the source changed it (ISO 8601); the message time when the source does not say. */
  observedAt: string;
};

export type TGoldenChange = {
  entity: string;
  goldenId: string;
  change: "created" | "updated" | "unchanged" | "pending_review";
  attributes: Record<string, unknown>;
  version: number;
};

export type MasterDataDeps = {
  /** Matches and merges one source record incrementally; the golden record it now belongs to. */
  ingest(record: TSourceRecord): Promise<TGoldenChange>;
  /** Whether a golden record of `entity` has `attribute` equal to `value` (rule lookups). */
  exists(entity: string, attribute: string, value: unknown): Promise<boolean>;
};
