export { queueInput, QueueInput } from "./input-queue";
export { queueOutput } from "./output-queue";
export { transportOf, type TQueueDeps } from "./deps";
