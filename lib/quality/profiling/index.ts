export { ColumnSketch, DEFAULT_LIMITS, type TBounds, type TColumnLimits, type TColumnState } from "./column";
export { ProfileInputError } from "./errors";
export { HyperLogLog } from "./hyperloglog";
export { formatFromName, profileInput } from "./profile-input";
export { Profiler, type TProfilerOptions, type TProfileReport, type TProfileState, type TValueMode } from "./profiler";
export {
  INPUT_FORMATS,
  readCsv,
  readInput,
  readJsonArray,
  readJsonLines,
  type TBatch,
  type TInputFormat,
} from "./readers";
export { columnType, summarizeColumn, type TColumnProfile, type TColumnType } from "./summary";
export { TDigest, type TDigestState } from "./tdigest";
export { classifyJson, classifyText, FORMATS, type TClassified, type TFormat, type TValueType } from "./values";
