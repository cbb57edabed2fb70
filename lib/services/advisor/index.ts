export {
  assessResidency,
  recommendArchitecture,
  type Recommendation,
  type ResidencyFinding,
  type Scored,
  type TAdvice,
} from "./recommend";
export {
  getDecisionOrThrow,
  getInterfaceContext,
  listDecisions,
  previewAdvice,
  recordDecision,
  type DecisionDetail,
  type DecisionRow,
  type InterfaceContext,
  type InterfaceOption,
} from "./decisions";
export { regionOf } from "./defaults";
