// The engine process: the engine (lib/engine) with its scheduled jobs, which reach the portal's
// services. It lives outside lib/engine so the engine never imports lib/services (which imports the
// engine's core): this file is the composition root that imports both.
import { runEngineProcess, runOrExit } from "@/lib/engine/process";
import { engineJobs } from "./jobs";

runOrExit(runEngineProcess(engineJobs));
