import "server-only";

export { listDepartments, type DepartmentOption } from "./departments";
export { getDependencyGraph, MAX_GRAPH_EDGES, type DependencyGraph, type GraphEdge, type GraphNode } from "./graph";
export {
  createInterface,
  deleteInterface,
  getInterfaceOrThrow,
  listInterfaces,
  updateInterface,
  type InterfaceDetail,
  type InterfaceRow,
} from "./interfaces";
export {
  createProcess,
  deleteProcess,
  getProcessOrThrow,
  listProcesses,
  updateProcess,
  type ProcessDetail,
  type ProcessRow,
} from "./processes";
export {
  createSystem,
  deleteSystem,
  getSystemOrThrow,
  listSystems,
  systemOptions,
  updateSystem,
  type SystemDetail,
  type SystemRow,
} from "./systems";
