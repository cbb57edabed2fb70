// Retirement proven by traffic: deprecate a flow or interface (consumers listed and told), brownouts,
// sunset, and retirement once nothing called for the quiet period or a production change waives it.
export { deprecateSubject, type TDeprecated } from "./deprecate-subject";
export { previewDeprecation, type TDeprecationPreview } from "./preview-deprecation";
export { addBrownout, removeBrownout } from "./edit-brownouts";
export { rescheduleSunset } from "./reschedule-sunset";
export { cancelRetirement } from "./cancel-retirement";
export { retireSubject, type TRetired } from "./retire-subject";
export { listRetirements, type TRetirementRow } from "./list-retirements";
export { getRetirementOrThrow, type TRetirementDetail } from "./get-retirement";
export { listWaiverChanges, type TWaiverOption } from "./list-waiver-changes";
export { findOpenRetirement } from "./find-open-retirement";
export { retirementHref } from "./load";
export type { TRetirementConsumer } from "./consumers";
export type { TRecipient } from "./recipients";
export {
  buildTimeline,
  quietState,
  refusalMessage,
  type TQuietState,
  type TTimeline,
  type TTimelineEvent,
} from "./timeline";
