import type { TRole } from "./permissions";

/** Who performs a service call: a signed-in user, or a named system process (seed, CLI, engine). */
export type Actor = { id: string | null; email: string; name: string; role: TRole };

export function systemActor(name: string): Actor {
  return { id: null, email: `system:${name}`, name, role: "admin" };
}
