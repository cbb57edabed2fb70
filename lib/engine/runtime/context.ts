/** Where a run happens: the deployment's identifiers, copied onto every lineage and DLQ row. */
export type TRunContext = {
  flowId: string;
  flowName: string;
  flowVersionId: string;
  environmentId: string;
  environmentKey: string;
  deploymentId: string | null;
};

export type TRetention = "none" | "failed" | "all";

export type TLog = {
  debug?(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
};
