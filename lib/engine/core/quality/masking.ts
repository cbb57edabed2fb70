// Masking the engine applies outside production: the runner hands every message about to be delivered
// to `forOutput`; the runtime's implementation applies the masking policy deployed for the environment.
import type { TMaskKeys } from "@/lib/quality/privacy/policy";
import type { Message } from "../message";

export type MaskingDeps = {
  /**
   * The message as the environment may see it (the same message when nothing applies). Synchronous
   * once the environment is known to need no masking (production, no policy): no await per message.
   */
  forOutput(msg: Message): Message | Promise<Message>;
  /** The token key and hash salt, for mask steps that hash or tokenize (null until a key exists). */
  maskKeys?(): Promise<TMaskKeys | null>;
};
