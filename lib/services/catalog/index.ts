import "server-only";

export { loadCatalogGraph, type TLoadGraphOptions } from "./load-graph";
export type { TFlowDependency, TInterfaceRef, TLoadedCatalog } from "./build-graph";
export { catalogNode, describeImpact, type TImpact, type TImpactDependent } from "./describe-impact";
export { impactOf } from "./impact-of";
export { consumersOf, type TConsumer, type TConsumerSubject } from "./consumers-of";
export { listCatalogEntries, type TCatalogEntryRow } from "./list-entries";
export {
  getCatalogEntryOrThrow,
  type TCatalogEntryDetail,
  type TDependencySide,
  type TEntryMetadata,
  type TUnmatchedDependency,
} from "./get-entry";
export type { TEdgeRow } from "./entry-rows";
export { updateCatalogEntry } from "./update-entry";
export { updateSystemEndpoints } from "./update-system-endpoints";
export { getCatalogReconciliation, type TReconciliationView } from "./get-reconciliation";
export type { TPossiblyDeadFlag, TUndocumentedFlag, TUnidentifiedCaller } from "./reconcile";
export { documentObservedPath, type TDocumentedPath } from "./document-path";
export { assignCallerToSystem } from "./assign-caller";
export { getCatalogImpact, type TCatalogImpact } from "./get-impact";
export { getCatalogGraphView, type TGraphView, type TGraphViewEdge, type TGraphViewNode } from "./get-graph-view";
export { blastRadiusOf, summarizeBlastRadius, type TBlastRadius } from "./blast-radius";
export { listOwnerOptions, type TOwnerOption } from "./list-owner-options";
