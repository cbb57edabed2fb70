export {
  deleteProfileDefinition,
  getProfileDefinition,
  listProfileDefinitions,
  requestProfileRun,
  saveProfileDefinition,
} from "./definitions";
export {
  listProfileAnomalies,
  listProfileRuns,
  profileFormOptions,
  profileRunProgress,
  profileTrend,
  type TProfileFormOptions,
} from "./runs";
export { ZProfileDefinitionInput, ZProfileId, ZProfileRunsQuery, ZProfileTrendQuery } from "./schema";
export * from "./types";
export { profileAlertKey, runDueProfiles, STALE_RUN_MS } from "./execute";
