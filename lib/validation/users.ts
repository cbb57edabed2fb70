import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .email("Enter a valid email address, like name@example.com.")
  .max(254);
export const ZPassword = z.string().min(12, "Use at least 12 characters.").max(128, "Use at most 128 characters.");
export const ZRole = z.enum(ROLES, { error: `Choose one of: ${ROLES.join(", ")}.` });

export const ZCreateUserInput = z.object({
  email: ZEmail,
  name: z.string().trim().min(1, "Enter a name.").max(120, "Use at most 120 characters."),
  role: ZRole,
  password: ZPassword,
});
export type TCreateUserInput = z.infer<typeof ZCreateUserInput>;

export const ZUpdateUserInput = z.object({
  userId: z.string().min(1),
  role: ZRole,
  isActive: z.boolean(),
});
export type TUpdateUserInput = z.infer<typeof ZUpdateUserInput>;

export const ZResetPasswordInput = z.object({ userId: z.string().min(1), password: ZPassword });
export const ZResetPasswordForm = ZResetPasswordInput.extend({ confirm: z.string() }).refine(
  (v) => v.password === v.confirm,
  {
    path: ["confirm"],
    message: "The two passwords do not match.",
  },
);

export const ZSignInInput = z.object({
  email: ZEmail,
  password: z.string().min(1, "Enter your password.").max(128),
});
