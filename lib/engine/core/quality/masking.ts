// Masking the engine applies outside production: the runner hands every message about to be delivered
// to `forOutput`; the runtime's implementation applies the masking policy deployed for the environment.
import type { Message } from "../message";

export type MaskingDeps = {
  /** The message as the environment may see it (the same message when nothing applies). */
  forOutput(msg: Message): Promise<Message>;
};
