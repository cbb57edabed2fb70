import { describe, expect, it } from "vitest";
import { AREAS, areasFor, can, PERMISSIONS, ROLE_PERMISSIONS, ROLES } from "./permissions";

describe("permission map", () => {
  it("gives admin every permission and fails closed for unknown roles", () => {
    for (const p of PERMISSIONS) expect(can("admin", p)).toBe(true);
    expect(can(undefined, "dashboard:read")).toBe(false);
    expect(can("root" as never, "dashboard:read")).toBe(false);
  });

  it("grants only declared permissions", () => {
    for (const role of ROLES) for (const p of ROLE_PERMISSIONS[role]) expect(PERMISSIONS).toContain(p);
  });

  it("keeps user management to admins", () => {
    expect(ROLES.filter((r) => can(r, "user:manage"))).toEqual(["admin"]);
  });

  it("lists an area only for roles holding its permission", () => {
    for (const role of ROLES) {
      expect(areasFor(role).map((a) => a.href)).toEqual(
        AREAS.filter((a) => can(role, a.permission)).map((a) => a.href),
      );
    }
    expect(areasFor("viewer").some((a) => a.href === "/admin/users")).toBe(false);
  });
});
