export * from "./document";
export * from "./compile";
export * from "./observer";
export { parseFieldPath, resolvePath } from "./paths";
export { matchesFormat } from "./formats";
export * from "./constants";
export * from "./channel";
