export { planLineageExport, PER_RUN_LIMIT, ZLineageExport, type TLineageExportPlan } from "./export";
export {
  lineageGraph,
  lineageScopeOptions,
  type FlowLineage,
  type LineageEdge,
  type LineageGraph,
  type LineageNode,
  type LineageScope,
} from "./graph";
export { whereFrom, ZWhereFrom, type WhereFromHop, type WhereFromResult } from "./trace";
