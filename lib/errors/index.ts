// The error catalogue and its mappings. Pure (no Next.js, React or env), so the engine uses it too.
export {
  ERROR_CATALOGUE,
  ERROR_CODES,
  ERROR_DOCS_PATH,
  ERROR_STATUS,
  codeFromSlug,
  errorSlug,
  errorCatalogueDocument,
  errorTypeUri,
  isRetryable,
  ERROR_SURFACES,
  type AppErrorCode,
  type TErrorDoc,
  type TErrorEntry,
  type TErrorSurface,
  type TRetryPolicy,
} from "./catalogue";
export { AppError, type FieldErrors } from "./app-error";
export {
  describeZodError,
  isExpectedError,
  toActionResult,
  zodFieldErrors,
  type ActionResult,
  type Logger,
} from "./action-result";
export { PROBLEM_CONTENT_TYPE, toProblem, type TProblem, type TProblemOptions, type TProblemReply } from "./problem";
