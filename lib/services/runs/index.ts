export {
  deadLetterSteps,
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
