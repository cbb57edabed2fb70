import type { EngineDeps } from "@/lib/engine/core/contracts";
import type { Transport } from "@/lib/engine/transports/types";

/** The engine runtime passes its transport alongside the core deps; queue components need it. */
export type TQueueDeps = EngineDeps & { transport?: Transport };

export function transportOf(deps: EngineDeps, component: string): Transport {
  const transport = (deps as TQueueDeps).transport;
  if (!transport) {
    throw new Error(
      `${component} needs the engine's queue transport: run the flow in the engine (npm run engine), or replace it in tests.`,
    );
  }
  return transport;
}

export const QUEUE_NAME = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;
