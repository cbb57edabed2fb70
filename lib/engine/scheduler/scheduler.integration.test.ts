import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { silentLog } from "@/lib/engine/runtime/test-harness";
import { createPgPool } from "@/lib/engine/transports/postgres/pool";
import { Scheduler, type TJob } from "./scheduler";

const dbUrl = useTestDatabase();

describe("scheduler leases", () => {
  let poolA: pg.Pool;
  let poolB: pg.Pool;

  beforeAll(() => {
    // One pool per engine, as two engine processes would have.
    poolA = createPgPool(dbUrl(), 2);
    poolB = createPgPool(dbUrl(), 2);
  });
  afterAll(async () => {
    await poolA.end();
    await poolB.end();
  });

  function counting(name: string, runs: string[], holder: string): TJob {
    return { name, everyMs: 100, run: async () => void runs.push(holder) };
  }

  it("runs each job on exactly one engine per tick, and moves it when the holder stops or dies", async () => {
    const runs: string[] = [];
    const leaseMs = 800;
    const make = (pool: pg.Pool, holder: string) =>
      new Scheduler({ pool, holder, jobs: [counting("job-x", runs, holder)], tickMs: 100, leaseMs, log: silentLog });
    const a = make(poolA, "engine-a");
    const b = make(poolB, "engine-b");
    let now = Date.now();
    for (let i = 0; i < 6; i++) {
      const before = runs.length;
      // Both engines tick at the same moment, racing for the lease.
      await Promise.all([a.tick(now), b.tick(now)]);
      await new Promise((r) => setTimeout(r, 10));
      expect(runs.length - before).toBe(1);
      now += 100;
    }
    const first = runs[0];
    expect(new Set(runs)).toEqual(new Set([first]));
    const [holder, other, otherName] = first === "engine-a" ? [a, b, "engine-b"] : [b, a, "engine-a"];
    expect(holder.holding).toEqual(["job-x"]);
    expect(other.holding).toEqual([]);

    // The holder dies without releasing: the other engine waits for the lease to expire.
    await holder.stop({ release: false });
    const crashedAt = Date.now();
    await other.tick(now);
    expect(runs.length).toBe(6);
    while (Date.now() - crashedAt <= leaseMs + 50) await new Promise((r) => setTimeout(r, 50));
    now += 100;
    await other.tick(now);
    await new Promise((r) => setTimeout(r, 10));
    expect(runs.slice(6)).toEqual([otherName]);
    expect(other.holding).toEqual(["job-x"]);

    // A graceful stop releases the lease: a third engine takes over on its next tick, no waiting.
    const runsC: string[] = [];
    const c = new Scheduler({
      pool: poolA,
      holder: "engine-c",
      jobs: [counting("job-x", runsC, "engine-c")],
      tickMs: 100,
      leaseMs,
      log: silentLog,
    });
    await c.tick(now + 100);
    expect(runsC).toEqual([]);
    await other.stop();
    await c.tick(now + 200);
    await new Promise((r) => setTimeout(r, 10));
    expect(runsC).toEqual(["engine-c"]);
    const lease = await poolA.query(`SELECT "holder" FROM "SchedulerLease" WHERE "name" = 'job-x'`);
    expect(lease.rows).toEqual([{ holder: "engine-c" }]);
    await c.stop();
    expect((await poolA.query(`SELECT 1 FROM "SchedulerLease"`)).rowCount).toBe(0);
  });

  it("does not start a job again while its last run is still going, and keeps the lease meanwhile", async () => {
    let release!: () => void;
    let started = 0;
    const slow: TJob = {
      name: "job-slow",
      everyMs: 0,
      run: () => {
        started++;
        return new Promise<void>((r) => (release = r));
      },
    };
    const s = new Scheduler({
      pool: poolA,
      holder: "engine-s",
      jobs: [slow],
      tickMs: 50,
      leaseMs: 300,
      log: silentLog,
    });
    const other = new Scheduler({
      pool: poolB,
      holder: "engine-t",
      jobs: [{ ...slow, run: async () => void started++ }],
      tickMs: 50,
      leaseMs: 300,
      log: silentLog,
    });
    for (let i = 0; i < 8; i++) {
      await s.tick();
      await other.tick();
      await new Promise((r) => setTimeout(r, 60));
    }
    expect(started).toBe(1);
    release();
    await s.stop();
    await other.stop();
  });
});
