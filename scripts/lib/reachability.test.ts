import { describe, expect, it } from "vitest";
import { canSearch, firstBlocked, type TOsUser, type TPathStat } from "./reachability";

const pg: TOsUser = { name: "postgres", uid: 101, gid: 104, groups: [104, 103] };
const dir = (p: string, mode: number, uid = 0, gid = 0): TPathStat => ({ path: p, mode: 0o040000 | mode, uid, gid });

describe("canSearch", () => {
  it("uses the owner bits for the owner, even when others may enter", () => {
    expect(canSearch(pg, dir("/x", 0o605, 101))).toBe(false);
    expect(canSearch(pg, dir("/x", 0o700, 101))).toBe(true);
  });
  it("uses the group bits for the primary and supplementary groups", () => {
    expect(canSearch(pg, dir("/x", 0o750, 0, 104))).toBe(true);
    expect(canSearch(pg, dir("/x", 0o750, 0, 103))).toBe(true);
    expect(canSearch(pg, dir("/x", 0o705, 0, 103))).toBe(false);
  });
  it("uses the other bits for everyone else", () => {
    expect(canSearch(pg, dir("/x", 0o755))).toBe(true);
    expect(canSearch(pg, dir("/x", 0o754))).toBe(false);
  });
  it("lets root in everywhere", () => {
    expect(canSearch({ name: "root", uid: 0, gid: 0, groups: [0] }, dir("/root", 0o700, 5, 5))).toBe(true);
  });
});

describe("firstBlocked", () => {
  it("names /root for a checkout under a mode-700 /root", () => {
    const chain = [dir("/", 0o755), dir("/root", 0o700), dir("/root/sb", 0o755), dir("/root/sb/.data", 0o755)];
    expect(firstBlocked(pg, chain)).toEqual({ ok: false, blockedAt: "/root" });
  });
  it("passes a checkout whose every ancestor is searchable", () => {
    const chain = [dir("/", 0o755), dir("/work", 0o755), dir("/work/main", 0o755), dir("/work/main/.data", 0o711)];
    expect(firstBlocked(pg, chain)).toEqual({ ok: true });
  });
  it("stops at a home directory closed to others", () => {
    const chain = [
      dir("/", 0o755),
      dir("/home", 0o755),
      dir("/home/ann", 0o750, 1000, 1000),
      dir("/home/ann/sb", 0o755, 1000, 1000),
    ];
    expect(firstBlocked(pg, chain)).toEqual({ ok: false, blockedAt: "/home/ann" });
  });
});
