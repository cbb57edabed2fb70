import { z } from "zod";

const scale = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `Answer ${label}.` })
    .int(`Answer ${label} with a whole number.`)
    .min(min, `${label}: ${min}–${max}.`)
    .max(max, `${label}: ${min}–${max}.`);

export const ZReadinessAnswers = z.object({
  bandwidthFte: z.coerce.number({ error: "Enter the FTE available." }).min(0, "FTE cannot be negative.").max(500),
  technicalLiteracy: scale("technical literacy", 1, 5),
  sponsorship: scale("sponsorship", 1, 5),
  changeFatigue: scale("change fatigue", 0, 3),
  priorFailures: scale("prior failed projects", 0, 3),
  jobSecurityConcern: scale("job-security concern", 0, 3),
  processAttachment: scale("attachment to current process", 0, 3),
});
export type TReadinessAnswers = z.infer<typeof ZReadinessAnswers>;

export const ZReadinessInput = ZReadinessAnswers.extend({
  departmentId: z.string().trim().min(1, "Choose a department."),
});
