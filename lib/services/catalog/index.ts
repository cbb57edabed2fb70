import "server-only";

export { loadCatalogGraph, type TLoadGraphOptions } from "./load-graph";
export type { TFlowDependency, TInterfaceRef, TLoadedCatalog } from "./build-graph";
export { catalogNode, describeImpact, type TImpact, type TImpactDependent } from "./describe-impact";
export { impactOf } from "./impact-of";
export { consumersOf, type TConsumer, type TConsumerSubject } from "./consumers-of";
