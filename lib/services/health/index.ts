// Health assessments of flows.
export { canChangeActionItem, canCompleteAssessment } from "./can-act";
export { completeAssessment, type TCompletedAssessment } from "./complete-assessment";
export { getAssessmentOrThrow, type TAssessmentActionItem, type TAssessmentDetail } from "./get-assessment";
export { assessmentHref, HEALTH_HREF } from "./links";
export { listActionItems, type TActionItemRow } from "./list-action-items";
export { countAssessments, listAssessments, type TAssessmentRow } from "./list-assessments";
export {
  ASSESSMENT_DUE_DAYS,
  DEFAULT_ASSESSMENT_INTERVAL_DAYS,
  openAssessment,
  openDueAssessments,
} from "./open-due-assessments";
export { ESCALATE_AFTER_REMINDERS, REMIND_EVERY_DAYS, remindDueAssessments } from "./remind-due-assessments";
export { runHealthAssessmentJob } from "./run-assessment-job";
export { assessmentScore, TECHNICAL_DEBT_PENALTY, type TScoreBreakdown } from "./score-assessment";
export { scoreTrend, type TScorePoint } from "./score-trend";
export { closeActionItem, reopenActionItem } from "./set-action-item-status";
export { listAssessmentPeople } from "./user-names";
