export { acknowledgeAlerts, type AlertBatchResult } from "./acknowledge";
export { alertStatusCounts, countOpenAlerts, listAlerts, type AlertRow, type AlertStatusCounts } from "./list";
export { resolveAlert } from "./resolve";
