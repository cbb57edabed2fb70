// The one role → permission map. Pure, so the nav (client) and every check (server) share it.
export const ROLES = [
  "admin",
  "facilitator",
  "data_owner",
  "cab_member",
  "executive",
  "integration_engineer",
  "viewer",
] as const;
export type TRole = (typeof ROLES)[number];

export const ROLE_LABELS: Record<TRole, string> = {
  admin: "Admin",
  facilitator: "Workshop facilitator",
  data_owner: "Data owner",
  cab_member: "CAB member",
  executive: "Executive",
  integration_engineer: "Integration engineer",
  viewer: "Viewer",
};

/** Each permission is `area:verb`. Add an area's permissions here and grant them below. */
export const PERMISSIONS = [
  "dashboard:read",
  "user:read",
  "user:manage",
  "audit:read",
  "audit:verify",
  "inventory:read",
  "inventory:edit",
  "flow:read",
  "flow:edit",
  "flow:deploy",
  "flow:operate",
  "dlq:replay",
  "advisor:read",
  "advisor:decide",
  "candidate:read",
  "candidate:edit",
  "candidate:approve",
  "workshop:facilitate",
  "workshop:score",
  "governance:read",
  "governance:review",
  "governance:manage",
  "ownership:read",
  "ownership:attest",
  "ownership:manage",
  "readiness:read",
  "readiness:edit",
] as const;
export type TPermission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<TRole, readonly TPermission[]> = {
  admin: PERMISSIONS,
  facilitator: ["candidate:read", "candidate:edit", "workshop:facilitate", "workshop:score", "governance:read", "ownership:read", "readiness:read", "readiness:edit", "flow:read", "advisor:read", "inventory:read", "inventory:edit", "dashboard:read"],
  data_owner: ["candidate:read", "workshop:score", "governance:read", "ownership:read", "ownership:attest", "readiness:read", "flow:read", "advisor:read", "inventory:read", "dashboard:read"],
  cab_member: ["candidate:read", "workshop:score", "governance:read", "governance:review", "ownership:read", "readiness:read", "flow:read", "advisor:read", "inventory:read", "dashboard:read", "audit:read"],
  executive: ["candidate:read", "candidate:approve", "workshop:score", "governance:read", "ownership:read", "readiness:read", "flow:read", "advisor:read", "inventory:read", "dashboard:read"],
  integration_engineer: ["candidate:read", "candidate:edit", "workshop:score", "governance:read", "governance:review", "ownership:read", "readiness:read", "flow:read", "flow:edit", "flow:deploy", "flow:operate", "dlq:replay", "advisor:read", "advisor:decide", "inventory:read", "inventory:edit", "dashboard:read"],
  viewer: ["candidate:read", "governance:read", "ownership:read", "readiness:read", "flow:read", "advisor:read", "inventory:read", "dashboard:read"],
};

export function can(role: TRole | null | undefined, permission: TPermission): boolean {
  if (!role) return false;
  return ROLE_PERMISSIONS[role]?.includes(permission) ?? false;
}

/** Portal areas in nav order; an area shows when the role holds its read permission. */
export type Area = { href: string; label: string; permission: TPermission; description?: string };

export const AREAS: readonly Area[] = [
  { href: "/", label: "Home", permission: "dashboard:read" },
  { href: "/inventory/processes", label: "Inventory", permission: "inventory:read" },
  { href: "/flows", label: "Flows", permission: "flow:read" },
  { href: "/advisor", label: "Advisor", permission: "advisor:read" },
  { href: "/candidates", label: "Candidates", permission: "candidate:read" },
  { href: "/workshops", label: "Workshops", permission: "workshop:score" },
  { href: "/matrix", label: "Matrix", permission: "candidate:read" },
  { href: "/governance", label: "Governance", permission: "governance:read" },
  { href: "/ownership", label: "Ownership", permission: "ownership:read" },
  { href: "/readiness", label: "Readiness", permission: "readiness:read" },
  { href: "/admin/users", label: "Users", permission: "user:read" },
  { href: "/admin/audit", label: "Audit log", permission: "audit:read" },
] as const satisfies readonly { href: string; label: string; permission: TPermission }[];

export function areasFor(role: TRole | null | undefined) {
  return AREAS.filter((a) => can(role, a.permission));
}
