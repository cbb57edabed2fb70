export {
  classifyField,
  decideSuggestion,
  listClassifications,
  suggestForFlow,
  type TClassificationRow,
} from "./classifications";
export { createMaskedDatasetJob, listMaskedDatasetJobs, type TMaskedDatasetRow } from "./datasets";
export { detokenize, ensureActiveTokenKey, listTokenKeys, rotateTokenKey, type TTokenKeyRow } from "./keys";
export {
  deployMaskingPolicy,
  getMaskingPolicyDocument,
  listMaskingPolicies,
  maskingConfigKind,
  saveMaskingPolicy,
  type TPolicyRow,
} from "./policies";
export { payloadForViewer } from "./view-masking";
