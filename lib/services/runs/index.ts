export {
  discardDeadLetters,
  editAndReplay,
  getDeadLetterOrThrow,
  listDeadLetters,
  requestReplay,
  type BatchResult,
  type DeadLetterDetail,
  type DeadLetterRow,
} from "./dead-letters";
export { getMessageJourney, listRuns, recentRuns, type MessageJourney, type RunRow, type StepRow } from "./journey";
export {
  planDeadLetterBulk,
  runDeadLetterBulkBatch,
  type DeadLetterBulkBatch,
  type DeadLetterBulkPlan,
} from "./dead-letter-bulk";
