export { queueInput, QueueInput, deliveryCountOf } from "./input-queue";
export { queueOutput } from "./output-queue";
export { transportOf, type TQueueDeps } from "./deps";
