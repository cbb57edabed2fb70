import type pg from "pg";
import type { TLog } from "./context";
import type { TDeploymentRow } from "./deployments";

/** A personal-data domain a flow carries, with its accountable owner and latest attestation expiry. */
export type TDomainAttestation = {
  key: string;
  name: string;
  classification: "personal" | "sensitive_personal";
  ownerId: string | null;
  /** The latest expiry of any attestation of its ownership; null when never attested. */
  expiresAt: Date | null;
};

export async function loadPersonalDomains(db: pg.Pool | pg.PoolClient, flowId: string): Promise<TDomainAttestation[]> {
  const r = await db.query<TDomainAttestation>(
    `SELECT dd."key", dd."name", dd."classification"::text AS "classification", o."ownerId",
            (SELECT max(a."expiresAt") FROM "Attestation" a WHERE a."ownershipId" = o."id") AT TIME ZONE 'UTC' AS "expiresAt"
     FROM "FlowDataDomain" fd
     JOIN "DataDomain" dd ON dd."id" = fd."dataDomainId"
     LEFT JOIN "Ownership" o ON o."dataDomainId" = dd."id"
     WHERE fd."flowId" = $1 AND dd."classification" IN ('personal', 'sensitive_personal')
     ORDER BY dd."key"`,
    [flowId],
  );
  return r.rows;
}

const label = (d: TDomainAttestation) =>
  `${d.name} (${d.classification === "sensitive_personal" ? "sensitive personal" : "personal"} data)`;

/**
 * Personal data runs in production only while its accountable owner's attestation is current. This
 * gates activation only: a production worker already running when an attestation lapses keeps running
 * (the runtime logs a warning), because stopping live traffic on a paperwork deadline would do more
 * harm than the lapse; the next activation (a deploy, a restart) is refused until the owner re-attests.
 */
export function attestationRefusal(domains: TDomainAttestation[], now: Date): string | null {
  const problems: string[] = [];
  for (const d of domains) {
    if (!d.ownerId) problems.push(`${label(d)} has no accountable owner`);
    else if (!d.expiresAt) problems.push(`${label(d)} was never attested by its owner`);
    else if (d.expiresAt <= now)
      problems.push(`the owner's attestation of ${label(d)} lapsed on ${d.expiresAt.toISOString().slice(0, 10)}`);
  }
  if (!problems.length) return null;
  return `${problems.join("; ")}: a flow carrying personal data is not activated in production until the owner attests`;
}

const LAPSE_CHECK_MS = 10 * 60_000;

/** Warns (at most every ten minutes per deployment) about a running production flow whose attestation lapsed. */
export class LapseWatch {
  private readonly checkedAt = new Map<string, number>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly log: TLog,
  ) {}

  async check(
    row: Pick<TDeploymentRow, "id" | "flowId" | "flowName" | "environmentKey" | "isProduction">,
  ): Promise<void> {
    if (!row.isProduction) return;
    const now = Date.now();
    if (now - (this.checkedAt.get(row.id) ?? 0) < LAPSE_CHECK_MS) return;
    this.checkedAt.set(row.id, now);
    try {
      const lapsed = attestationRefusal(await loadPersonalDomains(this.pool, row.flowId), new Date(now));
      if (lapsed)
        this.log.warn(
          { flow: row.flowName, env: row.environmentKey, deployment: row.id, reason: lapsed },
          "attestation lapsed while the flow runs: it keeps running; its next activation will be refused",
        );
    } catch (error) {
      this.log.warn({ err: String(error), deployment: row.id }, "checking the flow's attestation failed");
    }
  }
}
