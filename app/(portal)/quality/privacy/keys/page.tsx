import type { Metadata } from "next";
import { Badge, Card, EmptyState, Notice, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import { listTokenKeys } from "@/lib/services/quality/privacy";
import { portalKek } from "@/lib/services/quality/privacy/kek";
import { requirePageAccess } from "@/lib/session";
import { formatTime } from "../_components/vocabulary";
import { DetokenizeForm } from "./_components/detokenize-form";
import { RotateKeyForm } from "./_components/rotate-key-form";

export const metadata: Metadata = { title: "Token keys" };

/** The KEK this portal runs with: its fingerprint (never the key), or why there is none (the message names the variable only). */
function currentKek(): { fingerprint: string; isDerived: boolean } | { problem: string } {
  try {
    const kek = portalKek();
    return { fingerprint: kek.fingerprint, isDerived: kek.isDerived };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : "The key-encryption key is not usable." };
  }
}

export default async function TokenKeysPage() {
  const actor = await requirePageAccess("quality:read");
  const keys = await listTokenKeys(actor);
  const active = keys.find((k) => k.status === "active");
  const kek = currentKek();
  const opens = (fingerprint: string) => "fingerprint" in kek && kek.fingerprint === fingerprint;
  return (
    <>
      <PageHeader
        title="Token keys"
        description="Tokenization (FF1) and salted hashing use the active key version. Key material is stored only wrapped under the key-encryption key SWITCHBOARD_TOKEN_KEK, which lives in the environment, never in the database. A token names its key version (tk<version>_…), so rotating keeps every older token detokenizable; new messages get tokens under the new version."
      />
      <div className="space-y-6">
        {"problem" in kek ? (
          <Notice tone="danger" title="No key-encryption key">
            {kek.problem} Until it is set, rotating and detokenizing fail, and hash and tokenize rules cannot use a key.
          </Notice>
        ) : kek.isDerived ? (
          <Notice tone="warning" title="Development key-encryption key">
            SWITCHBOARD_TOKEN_KEK is not set: this portal uses a key derived from AUTH_SECRET (fingerprint{" "}
            <span className="font-mono">{kek.fingerprint}</span>). Set the variable outside development.
          </Notice>
        ) : null}
        {active && !opens(active.kekFingerprint) && "fingerprint" in kek && (
          <Notice tone="danger" title="The active key does not open with this KEK">
            Key v{active.version} was wrapped under KEK {active.kekFingerprint}, this portal runs with {kek.fingerprint}
            . Hashing and tokenizing fail until SWITCHBOARD_TOKEN_KEK is the one the key was made with (or rotate to
            wrap a new key under the current one; older tokens then need the old KEK).
          </Notice>
        )}
        {keys.length === 0 ? (
          <EmptyState
            title="No token key yet"
            description="The first key is created when a masking policy first needs it, or by rotating here. Until then hash and tokenize rules redact."
          />
        ) : (
          <Card title="Versions">
            <table className="w-full text-left text-sm" aria-label="Token key versions">
              <thead className="text-xs uppercase text-slate-500">
                <tr>
                  <th className="py-1 pr-3">Version</th>
                  <th className="py-1 pr-3">Status</th>
                  <th className="py-1 pr-3">KEK fingerprint</th>
                  <th className="py-1 pr-3">Created</th>
                  <th className="py-1">Retired</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {keys.map((k) => (
                  <tr key={k.id}>
                    <td className="py-1.5 pr-3 font-medium">v{k.version}</td>
                    <td className="py-1.5 pr-3">
                      <Badge tone={k.status === "active" ? "success" : "neutral"}>{k.status}</Badge>
                    </td>
                    <td className="py-1.5 pr-3 font-mono text-xs">
                      {k.kekFingerprint}
                      {"fingerprint" in kek && (
                        <span className="ml-2 font-sans text-slate-500">
                          {opens(k.kekFingerprint) ? "(current KEK)" : "(another KEK)"}
                        </span>
                      )}
                    </td>
                    <td className="py-1.5 pr-3">
                      {formatTime(k.createdAt)} · {k.createdBy}
                    </td>
                    <td className="py-1.5">
                      {k.retiredAt ? formatTime(k.retiredAt) : <span className="text-slate-400">—</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        )}
        <div className="grid gap-6 lg:grid-cols-2">
          {can(actor.role, "quality:manage") && (
            <Card
              title="Rotate"
              description={`Creates version ${(keys[0]?.version ?? 0) + 1} and makes it active${active ? `; v${active.version} is retired but still detokenizes its tokens` : ""}. Tokens made from now on differ from earlier ones for the same value, so joins across the rotation no longer match.`}
            >
              <RotateKeyForm nextVersion={(keys[0]?.version ?? 0) + 1} />
            </Card>
          )}
          {can(actor.role, "quality:detokenize") && (
            <Card
              title="Detokenize"
              description="The clear value of one token, for you only. Every attempt is audited with the key version and your reason (never the value)."
            >
              <DetokenizeForm />
            </Card>
          )}
        </div>
      </div>
    </>
  );
}
