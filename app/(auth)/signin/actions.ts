"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/lib/session";
import type { ActionResult } from "@/lib/errors";
import { actionError } from "@/lib/http/action-error";
import { formDataToObject } from "@/lib/utils/form-data";
import { ZSignInInput } from "@/lib/validation/users";

// Sign-in is the one action without a session: it authenticates instead of requiring one.
export async function signInAction(_prev: ActionResult<null> | null, formData: FormData): Promise<ActionResult<null>> {
  const raw = formDataToObject(formData);
  const callbackUrl =
    typeof raw.callbackUrl === "string" && raw.callbackUrl.startsWith("/") && !raw.callbackUrl.startsWith("//")
      ? raw.callbackUrl
      : "/";
  try {
    const input = ZSignInInput.parse(raw);
    await signIn("credentials", { ...input, redirectTo: callbackUrl });
    return { ok: true, data: null };
  } catch (error) {
    if (error instanceof AuthError) {
      const limited = (error as { code?: string }).code === "rate_limited";
      return {
        ok: false,
        code: limited ? "RATE_LIMITED" : "UNAUTHENTICATED",
        error: limited
          ? "Too many sign-in attempts. Wait a few minutes and try again."
          : "Email or password is incorrect.",
      };
    }
    if (isRedirect(error)) throw error;
    return actionError(error);
  }
}

function isRedirect(error: unknown): boolean {
  return (
    typeof (error as { digest?: unknown })?.digest === "string" &&
    (error as { digest: string }).digest.startsWith("NEXT_REDIRECT")
  );
}
