import "server-only";

// Pure wave sequencing. Dependencies force later waves; department capacity (from readiness)
// limits how much business effort a wave can absorb. Cycles are reported, never broken.

export type WaveCandidate = {
  id: string;
  name: string;
  /** Department that carries the change; null means it draws on no department's bandwidth. */
  departmentId: string | null;
  /** Business effort in FTE for the duration of one wave. */
  effortFte: number;
  /** Higher first when several candidates compete for the same wave. */
  priority: number;
};

export type WaveDependency = { candidateId: string; dependsOnId: string };

export type WaveOptions = {
  /** FTE a department can give per wave; departments not listed get `defaultCapacityFte`. */
  capacityByDepartment: Record<string, number>;
  defaultCapacityFte: number;
  maxWaves: number;
};

export type Wave = {
  number: number;
  candidateIds: string[];
  /** FTE used per department in this wave. */
  load: Record<string, number>;
};

export type Unscheduled = { candidateId: string; reason: string };

export type WavePlan = {
  waves: Wave[];
  /** Each cycle lists its candidate ids in dependency order. */
  cycles: string[][];
  unscheduled: Unscheduled[];
};

/** Strongly connected components (Tarjan); a component of size > 1, or a self-loop, is a cycle. */
export function findCycles(ids: string[], deps: WaveDependency[]): string[][] {
  const edges = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const d of deps)
    if (edges.has(d.candidateId) && edges.has(d.dependsOnId)) edges.get(d.candidateId)!.push(d.dependsOnId);
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];

  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v)!) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      const selfLoop = comp.length === 1 && edges.get(v)!.includes(v);
      if (comp.length > 1 || selfLoop) cycles.push(comp.reverse());
    }
  };
  for (const id of ids) if (!idx.has(id)) visit(id);
  return cycles;
}

const round = (n: number) => Math.round(n * 100) / 100;

export function planWaves(candidates: WaveCandidate[], deps: WaveDependency[], options: WaveOptions): WavePlan {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const ids = candidates.map((c) => c.id);
  const depsOf = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const d of deps)
    if (byId.has(d.candidateId) && byId.has(d.dependsOnId)) depsOf.get(d.candidateId)!.push(d.dependsOnId);

  const cycles = findCycles(ids, deps);
  const unscheduled = new Map<string, string>();
  const nameOf = (id: string) => byId.get(id)?.name ?? id;
  for (const cycle of cycles) {
    const path = [...cycle, cycle[0]].map(nameOf).join(" → ");
    for (const id of cycle) unscheduled.set(id, `In a dependency cycle: ${path}. Remove one of these dependencies.`);
  }
  const capacityOf = (dept: string) => options.capacityByDepartment[dept] ?? options.defaultCapacityFte;
  for (const c of candidates) {
    if (unscheduled.has(c.id) || !c.departmentId) continue;
    const cap = capacityOf(c.departmentId);
    if (c.effortFte > cap) {
      unscheduled.set(
        c.id,
        `Needs ${c.effortFte} FTE but its department can give at most ${round(cap)} FTE per wave. Split it or raise the department's bandwidth.`,
      );
    }
  }
  // Anything that (transitively) depends on an unschedulable candidate cannot be scheduled either.
  let changed = true;
  while (changed) {
    changed = false;
    for (const id of ids) {
      if (unscheduled.has(id)) continue;
      const blocker = depsOf.get(id)!.find((d) => unscheduled.has(d));
      if (blocker) {
        unscheduled.set(id, `Depends on ${nameOf(blocker)}, which cannot be scheduled.`);
        changed = true;
      }
    }
  }

  const waveOf = new Map<string, number>();
  const waves: Wave[] = [];
  const pending = candidates
    .filter((c) => !unscheduled.has(c.id))
    .sort((a, b) => b.priority - a.priority || a.name.localeCompare(b.name));
  for (let n = 1; pending.length > 0 && n <= options.maxWaves; n++) {
    const wave: Wave = { number: n, candidateIds: [], load: {} };
    for (let i = 0; i < pending.length;) {
      const c = pending[i];
      const ready = depsOf.get(c.id)!.every((d) => (waveOf.get(d) ?? Infinity) < n);
      const dept = c.departmentId;
      const fits = !dept || (wave.load[dept] ?? 0) + c.effortFte <= capacityOf(dept) + 1e-9;
      if (ready && fits) {
        wave.candidateIds.push(c.id);
        if (dept) wave.load[dept] = round((wave.load[dept] ?? 0) + c.effortFte);
        waveOf.set(c.id, n);
        pending.splice(i, 1);
      } else {
        i++;
      }
    }
    // An empty wave means nothing can ever progress; stop rather than loop to maxWaves.
    if (wave.candidateIds.length === 0) break;
    waves.push(wave);
  }
  for (const c of pending)
    unscheduled.set(c.id, `Does not fit within ${options.maxWaves} waves at the current capacity.`);

  return {
    waves,
    cycles,
    unscheduled: [...unscheduled].map(([candidateId, reason]) => ({ candidateId, reason })),
  };
}
