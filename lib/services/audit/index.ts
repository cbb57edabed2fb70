export { appendAudit, type AuditInput, type AuditWriter } from "./append";
export { verifyAuditChain, type ChainReport } from "./verify";
export { listAuditEntries, auditFacets, pinAuditQuery, type AuditRow } from "./list";
export { activityByDay, type DailyActivity } from "./activity";
