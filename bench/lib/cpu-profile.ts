import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import os from "node:os";
import path from "node:path";

// A CPU profile of one bench phase (the same V8 sampler as `node --cpu-prof`), summarized as where this
// process's CPU went: self time per area of the code, and the hottest functions. The raw profile is
// kept in the temp dir for Chrome DevTools (Performance → Load profile).

type TCallFrame = { functionName: string; url: string; lineNumber: number };
type TProfile = {
  nodes: { id: number; callFrame: TCallFrame; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
};

export type TProfileSummary = {
  /** Sampled CPU time of this process while the phase ran, ms (idle excluded). */
  busyMs: number;
  /** Share of busyMs per area, %. */
  areas: Record<string, number>;
  /** The functions with the most self time, % of busyMs. */
  top: { fn: string; at: string; pct: number }[];
  rawProfile: string;
};

// First match wins; url fragments as V8 reports them (file URLs of the sources, node:… for built-ins).
const AREAS: [string, (f: TCallFrame) => boolean][] = [
  ["garbage collection", (f) => f.functionName === "(garbage collector)"],
  ["codec (envelope JSON)", (f) => /transports\/codec|core\/body-json/.test(f.url)],
  ["amqplib", (f) => f.url.includes("node_modules/amqplib")],
  ["pg driver", (f) => /node_modules\/(pg|pg-protocol|pg-types)\//.test(f.url)],
  ["metrics (prom-client, rollups)", (f) => /prom-client|engine\/metrics/.test(f.url)],
  ["lineage and claims", (f) => /runtime\/(lineage|idempotency|payload)|transports\/batcher/.test(f.url)],
  ["mapping (JSONata)", (f) => /engine\/sandbox|node_modules\/jsonata/.test(f.url)],
  ["validation (Ajv)", (f) => /node_modules\/ajv|json-schema/.test(f.url) || /^validate\d+$/.test(f.functionName)],
  ["engine runner and worker", (f) => /lib\/engine\/(core|runtime|components)/.test(f.url)],
  ["transport (engine side)", (f) => /lib\/engine\/transports/.test(f.url)],
  ["bench harness", (f) => f.url.includes("/bench/")],
  ["node internals and I/O", (f) => f.url.startsWith("node:") || f.url === ""],
  ["other", () => true],
];

const round1 = (x: number) => Math.round(x * 10) / 10;

export class PhaseProfiler {
  private session: Session | null = null;

  async start(): Promise<void> {
    this.session = new Session();
    this.session.connect();
    await this.session.post("Profiler.enable");
    await this.session.post("Profiler.setSamplingInterval", { interval: 200 });
    await this.session.post("Profiler.start");
  }

  async stop(label: string): Promise<TProfileSummary> {
    const session = this.session;
    if (!session) throw new Error("profiler not started");
    const { profile } = (await session.post("Profiler.stop")) as unknown as { profile: TProfile };
    session.disconnect();
    this.session = null;
    const dir = path.join(os.tmpdir(), "switchboard-bench-profiles");
    mkdirSync(dir, { recursive: true });
    const rawProfile = path.join(dir, `${label}.cpuprofile`);
    writeFileSync(rawProfile, JSON.stringify(profile));
    return { ...summarize(profile), rawProfile };
  }
}

function summarize(profile: TProfile): Omit<TProfileSummary, "rawProfile"> {
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const areas = new Map<string, number>();
  const fns = new Map<string, { fn: string; at: string; us: number }>();
  let busy = 0;
  for (const [id, us] of selfUs) {
    const f = frames.get(id)!;
    if (f.functionName === "(idle)" || f.functionName === "(program)") continue;
    busy += us;
    const area = AREAS.find(([, match]) => match(f))![0];
    areas.set(area, (areas.get(area) ?? 0) + us);
    const at = `${f.url.split("/").slice(-2).join("/")}:${f.lineNumber + 1}`;
    const key = `${f.functionName}@${at}`;
    const entry = fns.get(key) ?? { fn: f.functionName || "(anonymous)", at, us: 0 };
    entry.us += us;
    fns.set(key, entry);
  }
  const pct = (us: number) => round1((us / Math.max(busy, 1)) * 100);
  return {
    busyMs: Math.round(busy / 1000),
    areas: Object.fromEntries([...areas].sort((a, b) => b[1] - a[1]).map(([k, us]) => [k, pct(us)])),
    top: [...fns.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, 15)
      .map((e) => ({ fn: e.fn, at: e.at, pct: pct(e.us) })),
  };
}
