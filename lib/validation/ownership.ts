import { z } from "zod";

const id = z.string().trim().min(1);
const optionalId = z.preprocess((v) => (v === "" || v === undefined ? null : v), id.nullable());

export const ZDataDomainInput = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,40}$/, "Use lower-case letters, digits and underscores, e.g. customer."),
  name: z.string().trim().min(2).max(80),
  description: z.string().trim().max(1000).default(""),
});

/** Exactly one of processId / dataDomainId names the scope. */
export const ZAssignOwnershipInput = z
  .object({
    processId: optionalId.default(null),
    dataDomainId: optionalId.default(null),
    ownerId: optionalId,
    stewardId: optionalId,
    responsibilities: z.string().trim().max(4000).default(""),
    attestationPeriodDays: z.coerce
      .number()
      .int()
      .min(1, "Use at least 1 day.")
      .max(1095, "Use at most 3 years (1095 days)."),
  })
  .refine((v) => Boolean(v.processId) !== Boolean(v.dataDomainId), {
    message: "Choose either a process or a data domain.",
    path: ["processId"],
  });

export const ZAttestInput = z.object({
  ownershipId: id,
  statement: z.string().trim().max(2000).default(""),
});

export const ZNotificationIdInput = z.object({ notificationId: id });
