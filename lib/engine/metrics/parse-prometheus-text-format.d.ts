// The package ships no types. Shapes as its README documents them (prom2json's): values stay strings.
declare module "parse-prometheus-text-format" {
  type TLabels = { labels?: Record<string, string> };
  export type TPromValueSample = TLabels & { value: string };
  export type TPromHistogramSample = TLabels & { buckets: Record<string, string>; count: string; sum: string };
  export type TPromSummarySample = TLabels & { quantiles: Record<string, string>; count: string; sum: string };
  export type TPromSample = TPromValueSample | TPromHistogramSample | TPromSummarySample;
  export type TPromFamily = {
    name: string;
    help: string;
    type: "COUNTER" | "GAUGE" | "HISTOGRAM" | "SUMMARY" | "UNTYPED";
    metrics: TPromSample[];
  };
  export default function parsePrometheusTextFormat(text: string): TPromFamily[];
}
