import type pg from "pg";
import type { EngineDeps } from "../../core";
import type { TLog, TRunContext } from "../context";

/** The data-quality services a deployment's steps and runner use (rule sets, quarantine, master data, masking). */
export type TQualityDeps = Pick<EngineDeps, "ruleSets" | "quarantine" | "masterData" | "masking">;
export type TQualityHost = { pool: pg.Pool; log: TLog };
export type TQualityDepsFactory = (ctx: TRunContext) => TQualityDeps;

/** One factory per engine; each data-quality part adds its service for the deployment here. */
export function createQualityDeps(host: TQualityHost): TQualityDepsFactory {
  void host;
  return () => ({});
}
