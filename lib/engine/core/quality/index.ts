export * from "./rules";
export * from "./master-data";
export * from "./masking";
export * from "./profiling";
