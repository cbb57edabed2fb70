/** NOTIFY channel: a rule-set deployment changed; the engine reloads the environment's rule sets. */
export const RULE_SETS_CHANNEL = "switchboard_quality_rule_sets";
