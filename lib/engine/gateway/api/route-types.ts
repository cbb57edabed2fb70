import type { TApiDocument } from "@/lib/apis/document";
import type { TPlanLimits } from "@/lib/apis/limits-types";

/** A major version as the gateway sees it, whether or not it is deployed anywhere. */
export type TApiVersionEntry = {
  id: string;
  product: string;
  major: number;
  lifecycle: "draft" | "published" | "deprecated" | "retired";
  /** Epoch ms; null when not set. */
  deprecatedAt: number | null;
  sunsetAt: number | null;
  retiredAt: number | null;
  successor: { product: string; major: number } | null;
};

/** The revision a version serves in one environment. */
export type TApiRoute = {
  deploymentId: string;
  apiVersionId: string;
  environmentId: string;
  environmentKey: string;
  revisionId: string;
  revisionNumber: number;
  /** The revision's content hash: compiled validators are cached under it. */
  contentHash: string;
  document: TApiDocument;
  /** The http backend's base URL with the environment's ${vars.NAME} filled in; null for a flow backend. */
  upstreamUrl: string | null;
};

export type TApiKeyEntry = {
  id: string;
  prefix: string;
  consumerId: string;
  environmentId: string;
  environmentKey: string;
  /** API version ids the key may call. */
  scopes: ReadonlySet<string>;
  expiresAt: number | null;
};

export type TApiConsumerEntry = {
  id: string;
  key: string;
  name: string;
  plan: TPlanLimits;
  planKey: string;
  jwtSubjects: string[];
  callbackSecret: string;
  disabled: boolean;
};

/** Everything the gateway answers from, loaded at once so a request never sees half a reload. */
export type TRouteSnapshot = {
  /** By "<product>/v<major>". */
  versions: ReadonlyMap<string, TApiVersionEntry>;
  /** By "<apiVersionId>:<environmentKey>". */
  routes: ReadonlyMap<string, TApiRoute>;
  /** By sha256 of the key. */
  keys: ReadonlyMap<string, TApiKeyEntry>;
  consumers: ReadonlyMap<string, TApiConsumerEntry>;
  /** JWT `sub` → consumer id. */
  subjects: ReadonlyMap<string, string>;
  /** Environment key → id, for JWT callers naming theirs in sb-environment. */
  environments: ReadonlyMap<string, string>;
  loadedAt: number;
};

export const routeKey = (apiVersionId: string, environmentKey: string) => `${apiVersionId}:${environmentKey}`;
