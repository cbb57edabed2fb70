import type { TParsedOpenApi } from "@/lib/apis/openapi/parse";

export type TApiChangeSeverity = "breaking" | "warning" | "info";
export const SEVERITY_ORDER: Record<TApiChangeSeverity, number> = { info: 0, warning: 1, breaking: 2 };

export type TApiChangeLocation = { pointer: string; line: number | null };

export type TApiChange = {
  /** A stable rule id from API_DIFF_RULES, e.g. "request-parameter-became-required". */
  id: string;
  severity: TApiChangeSeverity;
  message: string;
  /** "GET /orders/{id}" (the revision's path template when both exist). */
  operation?: string;
  base?: TApiChangeLocation;
  revision?: TApiChangeLocation;
  /** The fields, parameters, media types or status codes involved, e.g. ["customer.email"]. */
  fields: string[];
};

export type TApiDiffRule = { id: string; severity: TApiChangeSeverity; description: string };

/** What a rule reports; the diff adds the severity and both lines. */
export type TChangeDraft = {
  id: string;
  message: string;
  operation?: string;
  base?: string | null;
  revision?: string | null;
  fields?: string[];
};

export type TDiffSides = { base: TParsedOpenApi; revision: TParsedOpenApi };
export type TEmit = (change: TChangeDraft) => void;
