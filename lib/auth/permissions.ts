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
] as const;
export type TPermission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<TRole, readonly TPermission[]> = {
  admin: PERMISSIONS,
  facilitator: ["dashboard:read"],
  data_owner: ["dashboard:read"],
  cab_member: ["dashboard:read", "audit:read"],
  executive: ["dashboard:read"],
  integration_engineer: ["dashboard:read"],
  viewer: ["dashboard:read"],
};

export function can(role: TRole | null | undefined, permission: TPermission): boolean {
  if (!role) return false;
  return ROLE_PERMISSIONS[role]?.includes(permission) ?? false;
}

/** Portal areas in nav order; an area shows when the role holds its read permission. */
export const AREAS = [
  { href: "/", label: "Home", permission: "dashboard:read" },
  { href: "/admin/users", label: "Users", permission: "user:read" },
  { href: "/admin/audit", label: "Audit log", permission: "audit:read" },
] as const satisfies readonly { href: string; label: string; permission: TPermission }[];

export function areasFor(role: TRole | null | undefined) {
  return AREAS.filter((a) => can(role, a.permission));
}
