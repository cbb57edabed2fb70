import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { MAX_PAGE_SIZE, type ListResult, type TListQuery } from "@/lib/validation/list";
import { listAuditEntries, pinAuditQuery } from "./audit";
import { listUsers } from "./users";

export type ExportColumn<T> = { id: string; header: string; value?: (row: T) => unknown };

type Exporter<T> = {
  filename: string;
  list: (actor: Actor, query: TListQuery) => Promise<ListResult<T>>;
  columns: ExportColumn<T>[];
  /** Bounds the query to the rows that exist when the export starts, for lists that grow while it pages. */
  pin?: (actor: Actor, query: TListQuery) => Promise<TListQuery>;
};

function exporter<T>(e: Exporter<T>): Exporter<unknown> {
  return e as Exporter<unknown>;
}

/** Lists that can be downloaded as CSV. Each list function authorizes the actor itself. */
export const EXPORTERS: Record<string, Exporter<unknown>> = {
  users: exporter({
    filename: "users",
    list: listUsers,
    columns: [
      { id: "name", header: "Name" },
      { id: "email", header: "Email" },
      { id: "role", header: "Role" },
      { id: "isActive", header: "Active" },
      { id: "lastLoginAt", header: "Last sign-in" },
      { id: "createdAt", header: "Created" },
    ],
  }),
  audit: exporter({
    filename: "audit-log",
    list: listAuditEntries,
    pin: pinAuditQuery,
    columns: [
      { id: "seq", header: "Seq" },
      { id: "at", header: "At" },
      { id: "actorEmail", header: "Actor" },
      { id: "action", header: "Action" },
      { id: "entityType", header: "Entity type" },
      { id: "entityId", header: "Entity id" },
      { id: "before", header: "Before", value: (r) => JSON.stringify(r.before) },
      { id: "after", header: "After", value: (r) => JSON.stringify(r.after) },
      { id: "hash", header: "Hash" },
    ],
  }),
};

/** Every page of a list under the current filters, fetched one page at a time so memory stays flat. */
export async function* allPages<T>(list: Exporter<T>["list"], actor: Actor, query: TListQuery): AsyncGenerator<T[]> {
  for (let page = 1; ; page++) {
    const result = await list(actor, { ...query, page, pageSize: MAX_PAGE_SIZE });
    if (result.rows.length) yield result.rows;
    if (page * MAX_PAGE_SIZE >= result.total || result.rows.length === 0) return;
  }
}
