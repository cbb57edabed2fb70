import "server-only";
import { openDueAssessments } from "./open-due-assessments";
import { remindDueAssessments } from "./remind-due-assessments";

/** The engine's "health-assessments" job: open what came due, then remind (and escalate) what is overdue. */
export async function runHealthAssessmentJob(now: Date) {
  const { opened } = await openDueAssessments(now);
  const { reminded, escalated } = await remindDueAssessments(now);
  return { opened, reminded, escalated };
}
