import type { IncomingHttpHeaders } from "node:http";
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from "jose";
import type { TApiDocument } from "@/lib/apis/document";
import { hashApiKey } from "@/lib/apis/keys";
import { AppError } from "@/lib/errors";
import type { KeyUsage } from "./key-usage";
import type { TApiConsumerEntry, TApiRoute, TApiVersionEntry, TRouteSnapshot } from "./route-types";

/** Who is calling, and in which environment. */
export type TCaller = {
  consumer: TApiConsumerEntry;
  environmentKey: string;
  via: "key" | "jwt";
  keyId: string | null;
  /** The shown part of the key (never the key), for logs. */
  keyPrefix: string | null;
};

type TCredential = { kind: "key"; secret: string } | { kind: "jwt"; token: string } | null;

/** JWT callers name their environment; API keys carry theirs. */
export const ENVIRONMENT_HEADER = "sb-environment";
const DEFAULT_JWT_ENVIRONMENT = "prod";

export function credentialOf(headers: IncomingHttpHeaders): TCredential {
  const key = headers["x-api-key"];
  if (typeof key === "string" && key.trim()) return { kind: "key", secret: key.trim() };
  const auth = headers.authorization;
  if (typeof auth !== "string") return null;
  const m = /^(ApiKey|Bearer)\s+(\S+)\s*$/i.exec(auth);
  if (!m) return null;
  return m[1].toLowerCase() === "apikey" ? { kind: "key", secret: m[2] } : { kind: "jwt", token: m[2] };
}

type TJwtSettings = NonNullable<TApiDocument["auth"]["jwt"]>;

const denied = (message: string) => new AppError("API_KEY_INVALID", message);
const missing = () =>
  denied("No credential: send an API key in X-API-Key (or `Authorization: ApiKey <key>`) or a bearer token.");

function askedEnvironment(headers: IncomingHttpHeaders): string {
  const v = headers[ENVIRONMENT_HEADER];
  return typeof v === "string" ? v.trim() : "";
}
const scope = (message: string) => new AppError("API_SCOPE_DENIED", message);

/**
 * API keys (looked up by hash in the loaded table) and, where the revision's document sets auth.jwt,
 * bearer tokens checked against the JWKS with jose (signature, expiry, issuer, audience). Throws
 * API_KEY_INVALID (401) for a missing, unknown, expired or revoked credential and API_SCOPE_DENIED (403)
 * for a valid one that does not cover this version or environment.
 */
export class ApiAuthenticator {
  private readonly jwks = new Map<string, JWTVerifyGetKey>();

  constructor(private readonly usage: KeyUsage | null) {}

  async authenticate(
    headers: IncomingHttpHeaders,
    snap: TRouteSnapshot,
    version: TApiVersionEntry,
    routeIn: (environmentKey: string) => TApiRoute | undefined,
    now = Date.now(),
  ): Promise<TCaller> {
    const credential = credentialOf(headers);
    const label = `${version.product} v${version.major}`;
    if (!credential) throw missing();
    if (credential.kind === "key") {
      const { caller, scopes } = this.checkKey(credential.secret, headers, snap, now);
      if (!scopes.has(version.id)) throw scope(`API key ${caller.keyPrefix} is not scoped to ${label}.`);
      return caller;
    }
    const environmentKey = askedEnvironment(headers) || DEFAULT_JWT_ENVIRONMENT;
    const jwt = routeIn(environmentKey)?.document.auth.jwt;
    if (!jwt) throw denied(`${label} does not accept bearer tokens in ${environmentKey}; use an API key.`);
    return this.checkJwt(credential.token, jwt, snap, environmentKey);
  }

  /**
   * Any valid credential, whatever it is scoped to (GET /_operations/<id>, where the operation itself is
   * checked against the consumer). A bearer token is tried against the JWT settings of the APIs deployed
   * in the environment it names.
   */
  async identify(headers: IncomingHttpHeaders, snap: TRouteSnapshot, now = Date.now()): Promise<TCaller> {
    const credential = credentialOf(headers);
    if (!credential) throw missing();
    if (credential.kind === "key") return this.checkKey(credential.secret, headers, snap, now).caller;
    const environmentKey = askedEnvironment(headers) || DEFAULT_JWT_ENVIRONMENT;
    const settings = new Map<string, TJwtSettings>();
    for (const r of snap.routes.values()) {
      const jwt = r.document.auth.jwt;
      if (r.environmentKey === environmentKey && jwt) settings.set(JSON.stringify(jwt), jwt);
    }
    let last: unknown = denied(`No API in ${environmentKey} accepts bearer tokens; use an API key.`);
    for (const jwt of settings.values()) {
      try {
        return await this.checkJwt(credential.token, jwt, snap, environmentKey);
      } catch (error) {
        last = error;
      }
    }
    throw last;
  }

  private checkKey(
    secret: string,
    headers: IncomingHttpHeaders,
    snap: TRouteSnapshot,
    now: number,
  ): { caller: TCaller; scopes: ReadonlySet<string> } {
    const key = snap.keys.get(hashApiKey(secret));
    if (!key) throw denied("The API key is not known, or it was revoked.");
    if (key.expiresAt !== null && now >= key.expiresAt)
      throw denied(`The API key ${key.prefix} expired on ${new Date(key.expiresAt).toISOString()}.`);
    const consumer = snap.consumers.get(key.consumerId);
    if (!consumer || consumer.disabled) throw denied(`The consumer of API key ${key.prefix} is disabled.`);
    const asked = askedEnvironment(headers);
    if (asked && asked !== key.environmentKey)
      throw scope(`API key ${key.prefix} was issued for ${key.environmentKey}, not ${asked}.`);
    this.usage?.touch(key.id, now);
    return {
      caller: { consumer, environmentKey: key.environmentKey, via: "key", keyId: key.id, keyPrefix: key.prefix },
      scopes: key.scopes,
    };
  }

  private async checkJwt(
    token: string,
    jwt: TJwtSettings,
    snap: TRouteSnapshot,
    environmentKey: string,
  ): Promise<TCaller> {
    let sub: string | undefined;
    try {
      const { payload } = await jwtVerify(token, this.keySet(jwt.jwksUrl), {
        issuer: jwt.issuer,
        audience: jwt.audience,
      });
      sub = payload.sub;
    } catch (error) {
      throw denied(`The bearer token was not accepted: ${jwtReason(error)}.`);
    }
    const consumerId = sub ? snap.subjects.get(sub) : undefined;
    const consumer = consumerId ? snap.consumers.get(consumerId) : undefined;
    if (!consumer) throw denied("The bearer token's subject (sub) is not registered to any API consumer.");
    return { consumer, environmentKey, via: "jwt", keyId: null, keyPrefix: null };
  }

  /** One remote key set per JWKS URL: jose caches the keys and refetches on an unknown kid (with a cooldown). */
  private keySet(url: string): JWTVerifyGetKey {
    let set = this.jwks.get(url);
    if (!set) this.jwks.set(url, (set = createRemoteJWKSet(new URL(url), { timeoutDuration: 5_000 })));
    return set;
  }
}

/** A reason safe to show: jose's codes, never its internal text about the key set's host. */
function jwtReason(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return "it has expired";
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `its ${error.claim} claim is not accepted`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return "its signature does not verify";
  if (error instanceof joseErrors.JWKSNoMatchingKey) return "no key of the issuer's key set matches it";
  if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid) return "it is malformed";
  if (error instanceof joseErrors.JWKSTimeout) return "the issuer's key set could not be fetched in time";
  return "it could not be verified";
}
