import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** prom-client metrics served on the engine's /metrics. One registry per engine (tests make several). */
export function createPromMetrics(withDefaults = true) {
  const registry = new Registry();
  if (withDefaults) collectDefaultMetrics({ register: registry, prefix: "switchboard_engine_" });
  const runs = new Counter({
    name: "switchboard_runs_total",
    help: "Message runs by flow, environment and status.",
    labelNames: ["flow", "env", "status"],
    registers: [registry],
  });
  const runDuration = new Histogram({
    name: "switchboard_run_duration_seconds",
    help: "Run duration per flow.",
    labelNames: ["flow", "env"],
    buckets: SECONDS,
    registers: [registry],
  });
  const steps = new Counter({
    name: "switchboard_steps_total",
    help: "Step and output outcomes.",
    labelNames: ["flow", "env", "step", "outcome"],
    registers: [registry],
  });
  const stepDuration = new Histogram({
    name: "switchboard_step_duration_seconds",
    help: "Step duration including retries.",
    labelNames: ["flow", "env", "step"],
    buckets: SECONDS,
    registers: [registry],
  });
  const deadLetters = new Counter({
    name: "switchboard_dead_letters_total",
    help: "Messages sent to the dead letter channel.",
    labelNames: ["flow", "env"],
    registers: [registry],
  });
  const dlqDepth = new Gauge({
    name: "switchboard_dlq_depth",
    help: "Pending dead letters per flow.",
    labelNames: ["flow", "env"],
    registers: [registry],
  });
  const queueDepth = new Gauge({
    name: "switchboard_queue_depth",
    help: "Backlog of each consumed queue.",
    labelNames: ["queue"],
    registers: [registry],
  });
  const gateway = new Counter({
    name: "switchboard_gateway_requests_total",
    help: "Gateway requests by route and status code.",
    labelNames: ["flow", "env", "code"],
    registers: [registry],
  });
  const deployments = new Gauge({
    name: "switchboard_deployments",
    help: "Deployments this engine runs, by state.",
    labelNames: ["state"],
    registers: [registry],
  });
  return { registry, runs, runDuration, steps, stepDuration, deadLetters, dlqDepth, queueDepth, gateway, deployments };
}

export type TPromMetrics = ReturnType<typeof createPromMetrics>;
