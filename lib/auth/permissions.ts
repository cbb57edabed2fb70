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
  "change:read",
  "change:request",
  "change:approve",
  "change:implement",
  "change:manage",
  "environment:manage",
] as const;
export type TPermission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<TRole, readonly TPermission[]> = {
  admin: PERMISSIONS,
  facilitator: [
    "candidate:read",
    "candidate:edit",
    "workshop:facilitate",
    "workshop:score",
    "governance:read",
    "ownership:read",
    "readiness:read",
    "readiness:edit",
    "flow:read",
    "advisor:read",
    "inventory:read",
    "inventory:edit",
    "dashboard:read",
    "change:read",
  ],
  data_owner: [
    "candidate:read",
    "workshop:score",
    "governance:read",
    "ownership:read",
    "ownership:attest",
    "readiness:read",
    "flow:read",
    "advisor:read",
    "inventory:read",
    "dashboard:read",
    "change:read",
    "change:approve",
  ],
  cab_member: [
    "candidate:read",
    "workshop:score",
    "governance:read",
    "governance:review",
    "ownership:read",
    "readiness:read",
    "flow:read",
    "advisor:read",
    "inventory:read",
    "dashboard:read",
    "audit:read",
    "change:read",
    "change:approve",
    "change:manage",
  ],
  executive: [
    "candidate:read",
    "candidate:approve",
    "workshop:score",
    "governance:read",
    "ownership:read",
    "readiness:read",
    "flow:read",
    "advisor:read",
    "inventory:read",
    "dashboard:read",
    "change:read",
  ],
  integration_engineer: [
    "candidate:read",
    "candidate:edit",
    "workshop:score",
    "governance:read",
    "governance:review",
    "ownership:read",
    "readiness:read",
    "flow:read",
    "flow:edit",
    "flow:deploy",
    "flow:operate",
    "dlq:replay",
    "advisor:read",
    "advisor:decide",
    "inventory:read",
    "inventory:edit",
    "dashboard:read",
    "change:read",
    "change:request",
    "change:implement",
    "environment:manage",
  ],
  viewer: [
    "candidate:read",
    "governance:read",
    "ownership:read",
    "readiness:read",
    "flow:read",
    "advisor:read",
    "inventory:read",
    "dashboard:read",
    "change:read",
  ],
};

export function can(role: TRole | null | undefined, permission: TPermission): boolean {
  if (!role) return false;
  return ROLE_PERMISSIONS[role]?.includes(permission) ?? false;
}

/** Portal areas in nav order (the program lifecycle: map, score, decide, own, build, run, administer); an area shows when the role holds its read permission. */
export type Area = { href: string; label: string; permission: TPermission; description?: string };

export const AREAS: readonly Area[] = [
  { href: "/", label: "Home", permission: "dashboard:read", description: "Your starting point." },
  {
    href: "/inventory/processes",
    label: "Inventory",
    permission: "inventory:read",
    description: "Business processes, systems, interfaces and their dependency graph.",
  },
  {
    href: "/candidates",
    label: "Candidates",
    permission: "candidate:read",
    description: "Integration candidates and how their ROI is computed.",
  },
  {
    href: "/workshops",
    label: "Workshops",
    permission: "workshop:score",
    description: "Score candidates on weighted criteria, blind, with a live aggregate.",
  },
  {
    href: "/matrix",
    label: "Matrix",
    permission: "candidate:read",
    description: "Impact against complexity, and the waves of the roadmap.",
  },
  {
    href: "/governance",
    label: "Governance",
    permission: "governance:read",
    description: "Standardize-or-customize thresholds, breaches and architecture reviews.",
  },
  {
    href: "/ownership",
    label: "Ownership",
    permission: "ownership:read",
    description: "Accountable owners and stewards, and their sign-offs.",
  },
  {
    href: "/readiness",
    label: "Readiness",
    permission: "readiness:read",
    description: "Department bandwidth, literacy and resistance, as a heatmap.",
  },
  {
    href: "/advisor",
    label: "Advisor",
    permission: "advisor:read",
    description: "Architecture, pattern, deployment and format recommendations, kept as decision records.",
  },
  {
    href: "/flows",
    label: "Flows",
    permission: "flow:read",
    description: "Build, deploy and operate integration flows; dead letters and message journeys.",
  },
  {
    href: "/changes",
    label: "Changes",
    permission: "change:read",
    description: "Change requests for the CAB: risk, conflicts, approvals, the agenda, the calendar and rollback.",
  },
  { href: "/admin/users", label: "Users", permission: "user:read", description: "Accounts and roles." },
  {
    href: "/admin/audit",
    label: "Audit log",
    permission: "audit:read",
    description: "Every change, hash-chained and verifiable.",
  },
];

export function areasFor(role: TRole | null | undefined) {
  return AREAS.filter((a) => can(role, a.permission));
}
