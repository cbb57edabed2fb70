// The change advisory board: change requests, risk, conflicts, CAB votes, implementation and reviews.
export { openChangeRequest, openChangeRequestTx, hasOwnedData, CAB_ROLES } from "./requests";
export type { TChangeSource, TOpenedChange } from "./requests";
export { getRiskPolicy, updateRiskPolicy, riskPolicyTx, type TRiskPolicy } from "./policy";
export { detectConflicts, type TConflict, type TConflictInput } from "./conflicts";
export { occurrencesBetween, insideOccurrence, parseRrule, overlaps, type TOccurrence } from "./occurrences";
export { requiredQuorum, quorumState, EMERGENCY_MIN_APPROVALS, type TQuorumState, type TQuorumPolicy } from "./quorum";
export {
  scoreRisk,
  riskFactors,
  riskLevel,
  parseWeights,
  DEFAULT_WEIGHTS,
  CLASSIFICATION_SCORE,
  LEVEL_RANK,
  type TRiskFactor,
  type TRiskFactorKey,
  type TRiskResult,
  type TRiskWeights,
} from "./risk";
export { assessRisk, flowHealth } from "./risk-load";
export { resolveItems, unionImpact, type TResolvedItem } from "./items";
export { decideChange, isAwaitingVotes, isDataOwnerFor, type TDecision } from "./approvals";
export { implementChange, type TImplemented } from "./implement";
export { cancelChange, rescheduleChange, recordPostImplementationReview, closeChange } from "./lifecycle";
export { lockChange, itemsImpact, type TLockedChange } from "./load";
export { listChanges, getChange, toChangeRow, changeRowInclude } from "./queries";
export type { TChangeRow, TChangeList, TChangeDetail } from "./queries";
export { cabHome, agenda, calendar, type TCabHome, type TAgenda, type TCalendar, type TCalendarWindow } from "./cab";
export {
  listChangeModels,
  createChangeModel,
  updateChangeModel,
  deleteChangeModel,
  type TChangeModelRow,
} from "./models";
export {
  listChangeWindows,
  createChangeWindow,
  updateChangeWindow,
  deleteChangeWindow,
  previewWindow,
  type TChangeWindowRow,
} from "./windows";
export { remindStalledApprovals } from "./reminders";
export { notifyUsers, usersWithRoles, changeHref, changeLabel } from "./notify";
