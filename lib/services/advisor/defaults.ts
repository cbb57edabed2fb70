import "server-only";
import { PAYLOAD_FORMATS, type TAdvisorInput } from "@/lib/validation/advisor";

type Hosting = "on_prem" | "cloud" | "hybrid";
type InterfaceFacts = {
  payloadFormat: string;
  frequency: string;
  volumePerMonth: number;
  mechanism: string;
  sourceSystem: { hosting: Hosting; region: string };
  targetSystem: { hosting: Hosting; region: string };
};

const EU_HINTS =
  /\b(eu|eea|europe|european)\b|frankfurt|dublin|ireland|amsterdam|netherlands|paris|france|germany|milan|italy|madrid|spain|stockholm|sweden|warsaw|poland|vienna|austria|brussels|belgium|copenhagen|denmark|helsinki|finland|lisbon|portugal|prague|norway|oslo/i;
/** EU/EEA country codes as the inventory writes them ("DE (Hamburg data centre)"); upper case only. */
const EU_CODES = /\b(AT|BE|BG|CY|CZ|DE|DK|EE|ES|FI|FR|GR|HR|HU|IE|IS|IT|LI|LT|LU|LV|MT|NL|NO|PL|PT|RO|SE|SI|SK)\b/;
const REGION_HINTS: [RegExp, TAdvisorInput["sourceRegion"]][] = [
  [/\buk\b|united kingdom|london|britain/i, "uk"],
  [/switzerland|zurich|geneva|\bch\b/i, "ch"],
  [/\bus\b|usa|united states|virginia|ohio|oregon|california|america/i, "us"],
  [/canada|toronto|montreal|\bca\b/i, "ca"],
  [/apac|asia|singapore|tokyo|japan|sydney|australia|india|mumbai|seoul|hong kong/i, "apac"],
];

/** Maps the inventory's free-text region ("EU (Frankfurt)") onto the advisor's regions; undefined if unknown. */
export function regionOf(text: string): TAdvisorInput["sourceRegion"] | undefined {
  if (!text.trim()) return undefined;
  if (EU_CODES.test(text)) return "eu";
  for (const [re, region] of REGION_HINTS) if (re.test(text)) return region;
  if (EU_HINTS.test(text)) return "eu";
  return "other";
}

const LATENCY_BY_FREQUENCY: Record<string, TAdvisorInput["latency"]> = {
  real_time: "seconds",
  hourly: "minutes",
  daily: "batch",
  weekly: "batch",
  monthly: "batch",
  on_demand: "seconds",
};

const CAPABILITIES_BY_MECHANISM: Record<string, TAdvisorInput["sourceCapabilities"]> = {
  manual: ["file_export"],
  file: ["file_export"],
  point_to_point: ["sync_api"],
  api: ["sync_api"],
  queue: ["event_stream"],
};

/** What the inventory already knows about an interface, as advisor form defaults. */
export function advisorDefaults(i: InterfaceFacts): Partial<TAdvisorInput> {
  const format = (PAYLOAD_FORMATS as readonly string[]).includes(i.payloadFormat)
    ? (i.payloadFormat as TAdvisorInput["sourceFormat"])
    : undefined;
  return {
    messagesPerDay: Math.round(i.volumePerMonth / 30),
    endpointCount: 2,
    latency: LATENCY_BY_FREQUENCY[i.frequency],
    sourceCapabilities: CAPABILITIES_BY_MECHANISM[i.mechanism],
    sourceFormat: format,
    targetFormats: format ? [format] : undefined,
    sourceHosting: i.sourceSystem.hosting,
    targetHosting: i.targetSystem.hosting,
    sourceRegion: regionOf(i.sourceSystem.region),
    targetRegion: regionOf(i.targetSystem.region),
  };
}
