export {
  getQuarantineEntryOrThrow,
  listQuarantine,
  quarantineFacets,
  type QuarantineDetail,
  type QuarantineHistory,
  type QuarantineRow,
  type TQuarantineViolation,
} from "./list";
export {
  fixQuarantineEntry,
  rejectQuarantineEntries,
  resubmitQuarantineEntries,
  type QuarantineBatchResult,
  type TFixResult,
} from "./review";
export {
  cancelQuarantineBulk,
  getQuarantineBulkJob,
  recentQuarantineBulkJobs,
  runQuarantineBulkChunk,
  startQuarantineBulk,
  type QuarantineBulkJobView,
} from "./bulk";
export { notifyNewQuarantines } from "./notify";
