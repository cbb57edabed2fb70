import type { TRole } from "../../lib/auth/permissions";

// One demo account per role. The launcher prints these; the seed creates them.
export const DEMO_PASSWORD = "switchboard-demo";

export const DEMO_ACCOUNTS: { email: string; name: string; role: TRole }[] = [
  { email: "admin@switchboard.local", name: "Ada Admin", role: "admin" },
  { email: "facilitator@switchboard.local", name: "Fiona Facilitator", role: "facilitator" },
  { email: "owner@switchboard.local", name: "Omar Owner", role: "data_owner" },
  { email: "cab@switchboard.local", name: "Carla CAB", role: "cab_member" },
  { email: "exec@switchboard.local", name: "Evan Executive", role: "executive" },
  { email: "engineer@switchboard.local", name: "Iris Engineer", role: "integration_engineer" },
  { email: "viewer@switchboard.local", name: "Victor Viewer", role: "viewer" },
];
