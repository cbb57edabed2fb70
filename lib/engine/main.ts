// The engine process without its scheduled jobs (they use lib/services, which imports lib/engine: the
// jobs are wired in lib/engine-process/main.ts, outside this area). Kept while `npm run engine`, the
// launcher and the e2e server still start this file; lib/engine-process/main.ts is the full engine.
import { logger } from "@/lib/logger";
import { runEngineProcess, runOrExit } from "./process";

logger()
  .child({ component: "engine" })
  .warn({}, "started without the scheduler: start lib/engine-process/main.ts for CAB reminders and automatic rollback");
runOrExit(runEngineProcess());
