// Validation rule sets: the items, their immutable versions, deployments per environment (the config
// kind "ruleset"), and the editor's impact preview over the records the engine last saw.
export { createRuleSet, updateRuleSet, listRuleSets, listRuleSetFormOptions } from "./rule-sets";
export type { TRuleSetRow, TRuleSetFormOptions, TOption } from "./rule-sets";
export { getRuleSetOrThrow } from "./queries";
export type { TRuleSetDetail, TRuleSetEnvironment, TRuleSetVersionRow } from "./queries";
export { saveRuleSetVersion, ensureRuleSetVersionTx } from "./versions";
export { deployRuleSetVersion, deployRuleSetVersionTx } from "./deploy";
export { archiveRuleSet, restoreRuleSet } from "./archive";
export type { TRuleSetArchived } from "./archive";
export { undeployRuleSet } from "./undeploy";
export type { TRuleSetUndeployed } from "./undeploy";
export { previewRuleSetImpact } from "./preview";
export type { TImpactPreview, TPreviewRow } from "./preview";
export { ruleSetConfigKind } from "./config-item";
