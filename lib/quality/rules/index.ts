export * from "./document";
export * from "./compile";
export * from "./observer";
export { parseFieldPath, resolvePath } from "./paths";
export { FORMAT_LABELS, matchesFormat } from "./formats";
