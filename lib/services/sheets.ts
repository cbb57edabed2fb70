import "server-only";
import { AppError } from "@/lib/errors";
import { candidatesSheet } from "../../prioritization/candidates-sheet";
import { interfacesSheet } from "./interfaces-sheet";
import { processesSheet } from "./processes-sheet";
import { systemsSheet } from "./systems-sheet";
import type { Sheet } from "./types";

/**
 * Every sheet that imports and exports, in the order a workshop fills them in (systems before the
 * processes and interfaces that name them). Other areas add theirs here, one line each.
 */
export const SHEETS: readonly Sheet[] = [systemsSheet, processesSheet, interfacesSheet, candidatesSheet];

export function getSheet(kind: string): Sheet {
  const sheet = SHEETS.find((s) => s.kind === kind);
  if (!sheet) throw new AppError("NOT_FOUND", `Unknown sheet "${kind}". Choose one of: ${sheetKinds().join(", ")}.`);
  return sheet;
}

export const sheetKinds = (): string[] => SHEETS.map((s) => s.kind);
