"use client";

import { Badge, Button, ConfirmDialog, type Tone } from "@/components/ui";
import type { ApiKeyRow } from "@/lib/services/apis/consumers";
import { revokeKeyAction } from "../actions";

const STATUS: Record<ApiKeyRow["status"], { label: string; tone: Tone }> = {
  active: { label: "Active", tone: "success" },
  expired: { label: "Expired", tone: "warning" },
  revoked: { label: "Revoked", tone: "danger" },
};

const when = (iso: string | null, empty = "—") =>
  iso ? new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) : empty;

/** Keys by prefix only: the secret was shown once, at issue, and is not stored. */
export function KeysTable({ keys, canManage }: { keys: ApiKeyRow[]; canManage: boolean }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">API keys</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2">
              Key
            </th>
            <th scope="col" className="px-3 py-2">
              Env
            </th>
            <th scope="col" className="px-3 py-2">
              Scopes
            </th>
            <th scope="col" className="px-3 py-2">
              Created
            </th>
            <th scope="col" className="px-3 py-2">
              Last used
            </th>
            <th scope="col" className="px-3 py-2">
              Expires
            </th>
            <th scope="col" className="px-3 py-2">
              Status
            </th>
            {canManage && (
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {keys.map((k) => (
            <tr key={k.id} data-key-prefix={k.prefix}>
              <td className="px-3 py-2 align-top">
                <code className="font-mono">{k.prefix}…</code>
                {k.label && <div className="text-xs text-slate-500">{k.label}</div>}
              </td>
              <td className="px-3 py-2 align-top">{k.environment}</td>
              <td className="px-3 py-2 align-top">{k.scopes.map((s) => s.label).join(", ") || "—"}</td>
              <td className="px-3 py-2 align-top whitespace-nowrap">{when(k.createdAt)}</td>
              <td className="px-3 py-2 align-top whitespace-nowrap">{when(k.lastUsedAt, "Never")}</td>
              <td className="px-3 py-2 align-top whitespace-nowrap">{when(k.expiresAt, "Never")}</td>
              <td className="px-3 py-2 align-top">
                <Badge tone={STATUS[k.status].tone}>{STATUS[k.status].label}</Badge>
                {k.revokedAt && (
                  <div className="mt-1 text-xs text-slate-500">
                    {when(k.revokedAt)}
                    {k.revokedBy ? ` by ${k.revokedBy}` : ""}
                  </div>
                )}
              </td>
              {canManage && (
                <td className="px-3 py-2 text-right align-top">
                  {k.status !== "revoked" && (
                    <ConfirmDialog
                      title={`Revoke key ${k.prefix}…?`}
                      description={
                        <>
                          Calls with this key are refused (401) from the gateway&apos;s next reload, within seconds.
                          This cannot be undone: the consumer needs a new key.
                        </>
                      }
                      confirmLabel="Revoke key"
                      trigger={(open) => (
                        <Button variant="danger" size="sm" onClick={open} aria-label={`Revoke ${k.prefix}`}>
                          Revoke
                        </Button>
                      )}
                      onConfirm={async () => {
                        const result = await revokeKeyAction({ id: k.id });
                        if (!result.ok) return result.error;
                      }}
                    />
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
