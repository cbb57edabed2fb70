import "server-only";
import type { Tx } from "@/lib/db";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

// Lookups of other areas' rows by id. Strategy tables hold plain ids (no cross-area relations),
// so every write checks that what it references exists.

type Client = Tx | ReturnType<typeof db>;

export async function assertExisting(
  client: Client,
  kind: "process" | "interface" | "department" | "user",
  ids: string[],
  field: string,
): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const found =
    kind === "process"
      ? await client.businessProcess.findMany({ where: { id: { in: unique } }, select: { id: true } })
      : kind === "interface"
        ? await client.interface.findMany({ where: { id: { in: unique } }, select: { id: true } })
        : kind === "department"
          ? await client.department.findMany({ where: { id: { in: unique } }, select: { id: true } })
          : await client.user.findMany({ where: { id: { in: unique }, isActive: true }, select: { id: true } });
  if (found.length !== unique.length) {
    const plural = { process: "processes", interface: "interfaces", department: "departments", user: "active users" }[
      kind
    ];
    throw new AppError("VALIDATION", `Some selected ${plural} no longer exist; reload the page and choose again.`, {
      fieldErrors: { [field]: [`Choose existing ${plural}.`] },
    });
  }
}

export async function userNames(
  ids: (string | null | undefined)[],
): Promise<Map<string, { name: string; email: string }>> {
  const unique = [...new Set(ids.filter((v): v is string => Boolean(v)))];
  if (unique.length === 0) return new Map();
  const rows = await db().user.findMany({
    where: { id: { in: unique } },
    select: { id: true, name: true, email: true },
  });
  return new Map(rows.map((u) => [u.id, { name: u.name, email: u.email }]));
}

export async function departmentNames(ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((v): v is string => Boolean(v)))];
  if (unique.length === 0) return new Map();
  const rows = await db().department.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(rows.map((d) => [d.id, d.name]));
}

export async function processNames(ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db().businessProcess.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(rows.map((p) => [p.id, p.name]));
}
