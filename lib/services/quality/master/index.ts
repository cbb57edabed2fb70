export {
  createMasterEntity,
  findMasterEntities,
  getMasterEntityOrThrow,
  ingestMasterRecord,
  saveMasterConfig,
  type TMasterEntityDetail,
  type TMasterEntityRow,
} from "./entities";
export {
  findGoldenRecords,
  getGoldenRecordOrThrow,
  masterSystems,
  type TGoldenDetail,
  type TGoldenRow,
  type THistoryView,
  type TSourceRecordView,
} from "./golden";
export {
  findReviewItems,
  getReviewItemOrThrow,
  mergeReviewItem,
  rejectReviewItem,
  undoMasterHistory,
  unmergeSourceRecords,
  type TReviewDetail,
  type TReviewRow,
} from "./steward";
