import "server-only";
import {
  ARCHITECTURES,
  DEPLOYMENT_MODELS,
  label,
  PATTERNS,
  PAYLOAD_FORMATS,
  type TAdvisorInput,
  type TArchitecture,
  type TDeploymentModel,
  type TPattern,
  type TPayloadFormat,
  type TSourceCapability,
} from "@/lib/validation/advisor";

/**
 * The architecture advisor: a pure, explainable scoring. Each rule that applies adds (or removes) points
 * for one option and carries the sentence that explains it, so every recommendation comes with its
 * reasons and the losing options show why they lost.
 */

export type Rule<T extends string> = { when: boolean; option: T; points: number; reason: string };
export type Scored<T extends string> = { option: T; score: number; for: string[]; against: string[] };
export type Recommendation<T extends string> = { choice: T; reasons: string[]; considered: Scored<T>[] };

export type ResidencyFinding = { flagged: boolean; reasons: string[] };

export type TAdvice = {
  architecture: Recommendation<TArchitecture>;
  pattern: Recommendation<TPattern>;
  deploymentModel: Recommendation<TDeploymentModel>;
  payloadFormat: Recommendation<TPayloadFormat>;
  residency: ResidencyFinding;
};

const HIGH_VOLUME_PER_DAY = 100_000;
const LOW_VOLUME_PER_DAY = 10_000;
const PUSH_CAPABILITIES: readonly TSourceCapability[] = ["webhooks", "event_stream", "change_data_capture"];

/** Highest score wins; ties go to the earlier option in `options` (the simpler one). */
export function pick<T extends string>(options: readonly T[], rules: Rule<T>[]): Recommendation<T> {
  const considered: Scored<T>[] = options.map((option) => {
    const applied = rules.filter((r) => r.when && r.option === option);
    return {
      option,
      score: applied.reduce((sum, r) => sum + r.points, 0),
      for: applied.filter((r) => r.points > 0).map((r) => r.reason),
      against: applied.filter((r) => r.points < 0).map((r) => r.reason),
    };
  });
  const best = considered.reduce((a, b) => (b.score > a.score ? b : a));
  const reasons = best.for.length ? [...best.for] : ["No rule favoured another option, so the simplest one fits."];
  return { choice: best.option, reasons, considered: [...considered].sort((a, b) => b.score - a.score) };
}

function architecture(i: TAdvisorInput): Recommendation<TArchitecture> {
  const highVolume = i.messagesPerDay >= HIGH_VOLUME_PER_DAY;
  const lowVolume = i.messagesPerDay < LOW_VOLUME_PER_DAY;
  const hasPush = i.sourceCapabilities.some((c) => PUSH_CAPABILITIES.includes(c));
  const formatsDiffer = !i.targetFormats.includes(i.sourceFormat);
  return pick(ARCHITECTURES, [
    {
      when: i.endpointCount === 2,
      option: "point_to_point",
      points: 2,
      reason: "Only two systems take part, so a direct link has no extra hop to run.",
    },
    {
      when: i.volatility === "low",
      option: "point_to_point",
      points: 1,
      reason: "The systems rarely change, so the coupling of a direct link costs little.",
    },
    {
      when: lowVolume,
      option: "point_to_point",
      points: 1,
      reason: `Under ${LOW_VOLUME_PER_DAY.toLocaleString("en")} messages a day needs no intermediary for load.`,
    },
    {
      when: i.endpointCount >= 4,
      option: "point_to_point",
      points: -3,
      reason: `${i.endpointCount} endpoints would need up to ${(i.endpointCount * (i.endpointCount - 1)) / 2} direct links.`,
    },
    {
      when: i.volatility === "high",
      option: "point_to_point",
      points: -2,
      reason: "Frequent changes would ripple through every direct link.",
    },
    {
      when: i.scalability !== "stable",
      option: "point_to_point",
      points: -1,
      reason: "A direct link cannot buffer growth or peaks.",
    },

    {
      when: i.endpointCount >= 3,
      option: "hub_and_spoke",
      points: 2,
      reason: `${i.endpointCount} endpoints connect through one hub: n links instead of n×(n−1)/2.`,
    },
    {
      when: i.volatility !== "low",
      option: "hub_and_spoke",
      points: 1,
      reason: "Changing systems are isolated behind the hub's mappings.",
    },
    {
      when: formatsDiffer,
      option: "hub_and_spoke",
      points: 1,
      reason: `The recipient does not accept ${label(i.sourceFormat)}, so a central transformation is needed.`,
    },
    {
      when: i.latency === "batch" || i.latency === "minutes",
      option: "hub_and_spoke",
      points: 1,
      reason: "The latency need tolerates the hub's routing hop.",
    },

    {
      when: highVolume,
      option: "event_driven",
      points: 2,
      reason: `${i.messagesPerDay.toLocaleString("en")} messages a day favour asynchronous, queued delivery.`,
    },
    {
      when: i.scalability !== "stable",
      option: "event_driven",
      points: 2,
      reason: "Queues absorb load spikes and consumers scale out independently.",
    },
    {
      when: hasPush,
      option: "event_driven",
      points: 1,
      reason: "The source can emit events (webhooks, a stream or change data capture).",
    },
    {
      when: i.endpointCount >= 4,
      option: "event_driven",
      points: 1,
      reason: "Several consumers can subscribe to the same events without the source knowing them.",
    },
    {
      when: i.volatility === "high",
      option: "event_driven",
      points: 1,
      reason: "Loose coupling lets systems change without coordinated releases.",
    },
    {
      when: i.latency === "batch",
      option: "event_driven",
      points: -1,
      reason: "Batch latency does not need continuous event flow.",
    },
  ]);
}

function pattern(i: TAdvisorInput): Recommendation<TPattern> {
  const caps = new Set(i.sourceCapabilities);
  const hasPush = PUSH_CAPABILITIES.some((c) => caps.has(c));
  const realTime = i.latency === "sub_second" || i.latency === "seconds";
  return pick(PATTERNS, [
    {
      when: realTime && caps.has("sync_api"),
      option: "request_response",
      points: 2,
      reason: "The caller needs an answer within seconds and the source offers a synchronous API.",
    },
    {
      when: i.endpointCount === 2,
      option: "request_response",
      points: 1,
      reason: "One consumer talks to one provider.",
    },
    {
      when: i.latency === "batch",
      option: "request_response",
      points: -2,
      reason: "Nobody waits for a batch result, so holding a request open adds nothing.",
    },
    {
      when: i.scalability === "spiky",
      option: "request_response",
      points: -1,
      reason: "Synchronous calls pass peaks straight to the target.",
    },
    {
      when: !caps.has("sync_api"),
      option: "request_response",
      points: -2,
      reason: "The source offers no synchronous API to call.",
    },

    {
      when: hasPush,
      option: "publish_subscribe",
      points: 2,
      reason: "The source can push events, so consumers need not ask.",
    },
    {
      when: i.endpointCount >= 3,
      option: "publish_subscribe",
      points: 2,
      reason: "Several consumers receive the same message through one topic.",
    },
    {
      when: i.messagesPerDay >= HIGH_VOLUME_PER_DAY || i.scalability === "spiky",
      option: "publish_subscribe",
      points: 1,
      reason: "A topic with queues buffers high or spiky volume.",
    },

    {
      when: !hasPush,
      option: "polling",
      points: 2,
      reason: "The source cannot push changes, so the engine has to fetch them (cursor, ETag or watermark).",
    },
    {
      when: caps.has("file_export") || caps.has("database_access"),
      option: "polling",
      points: 1,
      reason: "File exports and database reads are naturally polled.",
    },
    {
      when: i.latency === "batch" || i.latency === "minutes",
      option: "polling",
      points: 1,
      reason: "A polling interval meets a latency need of minutes or more.",
    },
    {
      when: i.latency === "sub_second",
      option: "polling",
      points: -2,
      reason: "Polling cannot meet a sub-second latency need without hammering the source.",
    },
  ]);
}

function deploymentModel(i: TAdvisorInput): Recommendation<TDeploymentModel> {
  const hostings = new Set([i.sourceHosting, i.targetHosting]);
  const mixed = hostings.has("hybrid") || (hostings.has("on_prem") && hostings.has("cloud"));
  const euPersonal = i.containsPersonalData && i.sourceRegion === "eu";
  return pick(DEPLOYMENT_MODELS, [
    {
      when: i.mustStayOnPrem,
      option: "on_prem",
      points: 5,
      reason: "Regulation or contract requires the data to stay in your own data centre.",
    },
    {
      when: i.sourceHosting === "on_prem" && i.targetHosting === "on_prem",
      option: "on_prem",
      points: 2,
      reason: "Both systems run on-premises, so the engine sits next to them.",
    },
    {
      when: i.latency === "sub_second" && hostings.has("on_prem"),
      option: "on_prem",
      points: 1,
      reason: "Sub-second latency favours no round trip to a cloud region.",
    },
    {
      when: i.scalability === "spiky" && !i.mustStayOnPrem,
      option: "on_prem",
      points: -1,
      reason: "Fixed on-premises capacity must be sized for the peak.",
    },

    {
      when: mixed && !i.mustStayOnPrem,
      option: "hybrid",
      points: 3,
      reason: "The systems span on-premises and cloud, so run agents near each side.",
    },
    {
      when: euPersonal && i.targetHosting === "cloud" && !i.mustStayOnPrem,
      option: "hybrid",
      points: 1,
      reason: "EU personal data stays on-premises while cloud targets get only what they need.",
    },

    {
      when: i.sourceHosting === "cloud" && i.targetHosting === "cloud",
      option: "cloud",
      points: 3,
      reason: "Both systems run in the cloud; the engine belongs in the same region.",
    },
    {
      when: i.scalability !== "stable",
      option: "cloud",
      points: 1,
      reason: "Elastic capacity absorbs growth and peaks.",
    },
    { when: i.mustStayOnPrem, option: "cloud", points: -5, reason: "The data may not leave your own data centre." },
  ]);
}

function payloadFormat(i: TAdvisorInput): Recommendation<TPayloadFormat> {
  const accepted = new Set(i.targetFormats);
  const highVolume = i.messagesPerDay >= HIGH_VOLUME_PER_DAY;
  const rules: Rule<TPayloadFormat>[] = [];
  for (const format of PAYLOAD_FORMATS) {
    rules.push({
      when: !accepted.has(format),
      option: format,
      points: -100,
      reason: `The recipient does not accept ${label(format)}.`,
    });
  }
  rules.push(
    {
      when: i.targetFormats.length === 1,
      option: i.targetFormats[0],
      points: 3,
      reason: `${label(i.targetFormats[0])} is the only format the recipient accepts.`,
    },
    {
      when: accepted.has(i.sourceFormat),
      option: i.sourceFormat,
      points: 3,
      reason: `The source already produces ${label(i.sourceFormat)}, so there is no transformation overhead.`,
    },
    {
      when: accepted.has("json"),
      option: "json",
      points: 1,
      reason: "JSON is the cheapest to parse and map (the engine's transforms work on JSON natively).",
    },
    {
      when: highVolume && accepted.has("csv"),
      option: "csv",
      points: 1,
      reason: "CSV is the most compact for high-volume flat records.",
    },
    {
      when: i.sourceCapabilities.includes("edi") && accepted.has("edi_x12"),
      option: "edi_x12",
      points: 2,
      reason: "The partner exchanges EDI; X12 keeps the trading-partner agreement intact.",
    },
    {
      when: i.sourceCapabilities.includes("edi") && accepted.has("edifact"),
      option: "edifact",
      points: 2,
      reason: "The partner exchanges EDI; EDIFACT keeps the trading-partner agreement intact.",
    },
  );
  return pick(PAYLOAD_FORMATS, rules);
}

/** GDPR Chapter V: EU personal data leaving the EU/EEA needs a recorded transfer mechanism. */
export function assessResidency(
  i: Pick<TAdvisorInput, "containsPersonalData" | "sourceRegion" | "targetRegion" | "legalBasis">,
): ResidencyFinding {
  if (!i.containsPersonalData) return { flagged: false, reasons: ["The interface carries no personal data."] };
  if (i.sourceRegion !== "eu")
    return {
      flagged: false,
      reasons: [`Personal data originates in ${label(i.sourceRegion)}, outside the EU/EEA rule.`],
    };
  if (i.targetRegion === "eu") return { flagged: false, reasons: ["EU personal data stays within the EU/EEA."] };
  if (i.legalBasis !== "none") {
    return {
      flagged: false,
      reasons: [
        `EU personal data goes to ${label(i.targetRegion)} under a recorded legal basis: ${label(i.legalBasis)}.`,
      ],
    };
  }
  return {
    flagged: true,
    reasons: [
      `EU personal data would move to ${label(i.targetRegion)}, outside the EU/EEA, with no legal basis recorded.`,
      "Record an adequacy decision, standard contractual clauses, binding corporate rules, explicit consent or a derogation, or keep the target in the EU.",
    ],
  };
}

export function recommendArchitecture(input: TAdvisorInput): TAdvice {
  return {
    architecture: architecture(input),
    pattern: pattern(input),
    deploymentModel: deploymentModel(input),
    payloadFormat: payloadFormat(input),
    residency: assessResidency(input),
  };
}
