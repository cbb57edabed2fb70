export { evaluateSlas, slaAlertKey, type TSlaObjective } from "./evaluate";
export { createSla, updateSla } from "./manage";
export {
  listSlaBreaches,
  listSlas,
  slaComplianceByDay,
  slaFormOptions,
  type BreachRow,
  type SlaDay,
  type SlaRow,
} from "./read";
