import type { Command } from "commander";
import { registerApi } from "./api";
import { registerAudit } from "./audit";
import { registerCatalog } from "./catalog";
import { registerConfig } from "./config";
import { registerConvert } from "./convert";
import { registerFlow } from "./flow";
import { registerDb } from "./db";
import { registerInventory } from "./inventory";
import { registerProfile } from "./profile";
import { registerReport } from "./report";
import { registerUsers } from "./users";

/** Every command group of the `switchboard` CLI, in help order. Add a group with one line. */
export const COMMANDS: ((program: Command) => void)[] = [
  registerDb,
  registerUsers,
  registerAudit,
  registerInventory,
  registerConvert,
  registerFlow,
  registerConfig,
  registerCatalog,
  registerReport,
  registerApi,
  registerProfile,
];
