export { componentCatalog, componentRegistry, policySchema } from "./registry";
export {
  checkFlowSpec,
  exportFlowVersion,
  flowVersionOptions,
  getFlowVersionSpec,
  saveFlowVersion,
  type FlowVersionOption,
  type FlowVersionRow,
  type SaveFlowVersionResult,
} from "./versions";
export {
  controlDeployment,
  deployFlowVersion,
  listEnvironments,
  type DeploymentRow,
  type EnvironmentRow,
} from "./deployments";
export { getFlowOrThrow, listFlows, type FlowDetail, type FlowRow } from "./list";
export { flowMetrics, type FlowMetrics, type MetricPoint } from "./metrics";
export { flowBacklog, type BacklogQueue, type BacklogRow } from "./backlog";
export { flowPollPositions, type PollPosition } from "./poll-positions";
export { type FlowInterfaceLink } from "./residency";
