import type pg from "pg";
import type { EngineDeps } from "../../core";
import type { PgListener } from "@/lib/engine/transports/postgres/listener";
import type { Transport } from "@/lib/engine/transports";
import type { TLog, TRunContext } from "../context";
import { masterDataPart } from "./master-data";
import { profilingPart } from "./profiling";
import { quarantinePart } from "./quarantine";
import { ruleSetsPart } from "./rule-sets";
import { maskingPart } from "./masking";

/** The data-quality services a deployment's steps and runner use (rule sets, quarantine, master data, masking). */
export type TQualityDeps = Pick<EngineDeps, "ruleSets" | "quarantine" | "masterData" | "masking" | "profiling">;
export type TQualityHost = {
  pool: pg.Pool;
  log: TLog;
  /** For engine-wide loops that react to the portal (resubmissions, policy changes). */
  listener: PgListener;
  /** Publishes to a deployment's direct queue (see directQueueName in ../worker). */
  transport: Transport;
  /** Polling fallback when a NOTIFY is missed. */
  pollMs: number;
};

export type TQualityServices = {
  /** Per deployment: what its steps and runner get in EngineDeps. */
  forDeployment(ctx: TRunContext): TQualityDeps;
  /** Engine-wide loops; started after the deployments are reconciled, stopped before the workers. */
  start(): Promise<void>;
  stop(): Promise<void>;
};

/** One data-quality part's engine side (rule sets, quarantine, master data, masking). */
export type TQualityPart = {
  forDeployment?(ctx: TRunContext): Partial<TQualityDeps>;
  start?(): Promise<void>;
  stop?(): Promise<void>;
};

/** The parts, each built once per engine. Each data-quality part adds its factory here. */
const PARTS: ((host: TQualityHost) => TQualityPart)[] = [
  quarantinePart,
  masterDataPart,
  maskingPart,
  (host) => ruleSetsPart(host),
  profilingPart,
];

/** One per engine: the parts' deps merged per deployment, their loops started and stopped together. */
export function createQualityServices(host: TQualityHost): TQualityServices {
  const parts = PARTS.map((make) => make(host));
  return {
    forDeployment: (ctx) => Object.assign({}, ...parts.map((p) => p.forDeployment?.(ctx) ?? {})),
    start: async () => {
      for (const p of parts) await p.start?.();
    },
    stop: async () => {
      await Promise.allSettled(parts.map((p) => p.stop?.()));
    },
  };
}
