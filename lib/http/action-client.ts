import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { assertCan, type Actor, type TPermission } from "@/lib/auth";
import type { ActionResult } from "@/lib/errors";
import { requireSession } from "@/lib/session";
import { formDataToObject } from "@/lib/utils/form-data";
import { actionError } from "./action-error";

/**
 * The one way to write a server action: it declares its input schema and permission, and the client
 * authenticates, checks the role's permission, parses, runs the record-level check (on the parsed
 * input), calls the handler and maps every error to an ActionResult (expected errors keep their
 * message; anything else is logged and hidden). The role check needs nothing from the input, so it
 * comes before parsing: a caller who may not act at all gets FORBIDDEN, not our validation rules.
 * The handler calls the service and revalidates. Our own rather than next-safe-action: the declared
 * permission must be readable from the exported function (the permission-matrix test reads it, so an
 * action without one cannot be written), and the forms already consume ActionResult.
 */
export const ACTION_META = Symbol.for("switchboard.action");

export type ActionMeta = { permission: TPermission; form: boolean };
export type ActionContext<I> = { input: I; actor: Actor };

type ActionDefinition<S extends z.ZodType> = {
  permission: TPermission;
  /** Omitted for an action that takes no input (a button that verifies or refreshes); it ignores its argument. */
  input?: S;
  /** A record-level check after the permission (ownership, environment); throw AppError FORBIDDEN. */
  authorize?: (ctx: ActionContext<z.output<S>>) => Promise<void> | void;
};

type Handler<S extends z.ZodType, R> = (ctx: ActionContext<z.output<S>>) => Promise<R>;

/** Reads the declaration of an action built here; undefined for any other function. */
export function actionMeta(fn: unknown): ActionMeta | undefined {
  return typeof fn === "function" ? (fn as { [ACTION_META]?: ActionMeta })[ACTION_META] : undefined;
}

function runner<S extends z.ZodType, R>(def: ActionDefinition<S>, handler: Handler<S, R>) {
  return async (raw: unknown): Promise<ActionResult<R>> => {
    try {
      const actor = await requireSession();
      assertCan(actor, def.permission);
      const input = (def.input ? def.input.parse(raw) : undefined) as z.output<S>;
      await def.authorize?.({ input, actor });
      return { ok: true, data: await handler({ input, actor }) };
    } catch (error) {
      unstable_rethrow(error); // redirect() and notFound() are control flow, not failures
      return actionError(error);
    }
  };
}

function withMeta<F extends (...args: never[]) => unknown>(fn: F, meta: ActionMeta): F {
  Object.defineProperty(fn, ACTION_META, { value: meta });
  return fn;
}

/** An action called with one argument, e.g. `deleteSystemAction({ id })`, or none when it declares no input. */
export function action<S extends z.ZodType = z.ZodVoid, R = unknown>(def: ActionDefinition<S>, handler: Handler<S, R>) {
  const run = runner(def, handler);
  return withMeta((raw: z.input<S>) => run(raw), { permission: def.permission, form: false });
}

/** An action for `useFormAction` / `useActionState`: (previous state, FormData). */
export function formAction<S extends z.ZodType, R>(def: ActionDefinition<S> & { input: S }, handler: Handler<S, R>) {
  const run = runner(def, handler);
  return withMeta((_prev: unknown, formData: FormData) => run(formDataToObject(formData)), {
    permission: def.permission,
    form: true,
  });
}
