import {
  HTTP_METHODS,
  listOperations,
  matchOperation,
  operationLabel,
  type TOperation,
} from "@/lib/apis/openapi/operations";
import type { TOpenApiVersion } from "@/lib/apis/openapi/parse";
import type { TApiDocument } from "@/lib/apis/document";
import { createAjvPair, OperationValidator } from "./request-validator";
import type { TApiRoute } from "./route-types";

export type TMatch = {
  op: TOperation;
  label: string;
  pathParams: Record<string, string>;
  validator: OperationValidator;
};

/**
 * One revision's OpenAPI operations, matched against request paths, with each operation's request
 * validator compiled the first time it is called (a large API pays only for what is used).
 */
export class RevisionContract {
  private readonly ops: TOperation[];
  private readonly validators = new Map<TOperation, OperationValidator>();
  private readonly ajv = createAjvPair();
  private readonly version: TOpenApiVersion;
  private readonly components: Record<string, unknown> | undefined;

  constructor(document: TApiDocument) {
    const openapi = document.openapi;
    this.ops = listOperations(openapi);
    this.version = String(openapi.openapi ?? "").startsWith("3.0") ? "3.0" : "3.1";
    const components = openapi.components as { schemas?: Record<string, unknown> } | undefined;
    this.components = components?.schemas;
  }

  /** The operation for a method and the path after /<product>/v<major>, or null. */
  match(method: string, path: string): TMatch | null {
    // HEAD is GET without the body (RFC 9110 §9.3.2) unless the document describes it on its own.
    const m =
      matchOperation(this.ops, method, path || "/") ??
      (method.toUpperCase() === "HEAD" ? matchOperation(this.ops, "GET", path || "/") : null);
    if (!m) return null;
    let validator = this.validators.get(m.op);
    if (!validator)
      this.validators.set(m.op, (validator = new OperationValidator(m.op, this.ajv, this.version, this.components)));
    return { op: m.op, label: operationLabel(m.op), pathParams: m.pathParams, validator };
  }

  /** The methods some operation accepts on this path, for a 405's Allow header (empty: no such path). */
  methodsFor(path: string): string[] {
    return HTTP_METHODS.filter((method) => matchOperation(this.ops, method, path || "/"));
  }
}

/** Contracts per revision content hash, dropped once no route serves that revision. */
export class ContractCache {
  private readonly byHash = new Map<string, RevisionContract>();
  private seenAt = -1;

  get(route: TApiRoute): RevisionContract {
    let c = this.byHash.get(route.contentHash);
    if (!c) this.byHash.set(route.contentHash, (c = new RevisionContract(route.document)));
    return c;
  }

  /** Forgets revisions the table no longer serves; called with each new table. */
  prune(loadedAt: number, routes: Iterable<TApiRoute>): void {
    if (loadedAt === this.seenAt) return;
    this.seenAt = loadedAt;
    const live = new Set([...routes].map((r) => r.contentHash));
    for (const hash of this.byHash.keys()) if (!live.has(hash)) this.byHash.delete(hash);
  }
}
