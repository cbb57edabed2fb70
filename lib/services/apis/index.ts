// The APIs area: products, major versions (the config items) and their revisions, publishing with the
// breaking-change gate, waivers and deprecation. Keys, consumers, plans and analytics have their own files.
export { archiveApiProduct, createApiProduct, listApiFormOptions, listApiProducts, updateApiProduct } from "./products";
export type { TApiProductRow, TPersonOption, TSystemOption } from "./products";
export { addApiRevision, formatProblem } from "./revisions";
export { createApiBreakingWaiver, breakingGateTx } from "./gate";
export type { TGateState, TWaiverRow } from "./gate";
export { publishApiRevision, deployApiRevisionTx } from "./deploy";
export { deprecateApiVersion, listVersionConsumers, retireApiVersion, STILL_CALLING_DAYS } from "./lifecycle";
export type { TDeprecated, TVersionConsumer } from "./lifecycle";
export { getApiProductOrThrow, getApiRevisionOrThrow, getApiVersionOrThrow, getRevisionFormDefaults } from "./queries";
export type {
  TApiDeploymentCell,
  TApiEnvironment,
  TApiProductDetail,
  TApiRevisionDetail,
  TApiRevisionRow,
  TApiVersionDetail,
  TApiVersionSummary,
  TRevisionFormDefaults,
} from "./queries";
export type { TApiChange } from "./changes";
