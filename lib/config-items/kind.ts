import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db";

/**
 * One mechanism for everything deployable. A kind (flows today; gateway routes, API versions, rule sets
 * and masking policies later) registers an implementation of this in lib/services/config-kinds.ts, and
 * the changes area (CLI export/diff/apply, change requests, the engine's approval gate, rollback) works
 * on every kind through it. Versions are immutable and identified by the sha256 of their canonical content.
 */
export type TConfigKind<TDoc = unknown> = {
  /** Stored in ChangeItem.kind and used as the export folder name's singular ("flow" → flows/). */
  kind: string;
  label: string;
  /** The content a version holds, as exported (secrets only as ${secrets.NAME} references). */
  documentSchema: z.ZodType<TDoc>;
  /** sha256 of the canonical document: equal content, equal hash. */
  hash(doc: TDoc): string;
  /** Each item's active version in an environment. */
  listDeployed(tx: Tx, environmentId: string): Promise<TConfigItemState<TDoc>[]>;
  /** The version with this content, created (next number) when none has it yet; the item is created too. */
  ensureVersion(tx: Tx, actor: Actor, key: string, doc: TDoc): Promise<TConfigVersionRef & { created: boolean }>;
  loadVersion(tx: Tx, versionId: string): Promise<(TConfigVersionRef & { document: TDoc }) | null>;
  /**
   * Makes the version active in the environment. Production only with changeRequestId (the change that
   * approved it); the engine checks the binding again before it runs anything.
   */
  deploy(
    tx: Tx,
    actor: Actor,
    input: { versionId: string; environmentId: string; changeRequestId?: string | null },
  ): Promise<{ deploymentId: string; previousVersionId: string | null }>;
  /**
   * Throws PRECONDITION_FAILED unless the version already reached the environment before this one
   * (dev → test → prod); deploy checks it too, this lets a plan check before anything is written.
   */
  assertPromoted(tx: Tx, versionId: string, environmentId: string): Promise<void>;
  /** What depends on the item, for the blast radius, and the data domains it carries. */
  impact(tx: Tx, itemId: string): Promise<TConfigImpact>;
};

export type TConfigVersionRef = {
  itemId: string;
  key: string;
  versionId: string;
  version: number;
  contentHash: string;
};

export type TConfigItemState<TDoc = unknown> = TConfigVersionRef & { document: TDoc; deploymentId: string };

export type TConfigImpact = {
  systems: string[];
  interfaces: string[];
  flows: string[];
  dataDomainIds: string[];
};
