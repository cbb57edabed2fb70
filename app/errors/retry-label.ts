import type { Tone } from "@/components/ui";
import type { TErrorSurface, TRetryPolicy } from "@/lib/errors";

export const RETRY_LABEL: Record<TRetryPolicy, { label: string; tone: Tone }> = {
  no: { label: "Do not retry unchanged", tone: "danger" },
  "after-change": { label: "Retry after a change", tone: "warning" },
  "retry-after": { label: "Retry after Retry-After", tone: "info" },
  backoff: { label: "Retry with backoff", tone: "success" },
};

export const SURFACE_LABEL: Record<TErrorSurface, string> = {
  gateway: "API and flow gateway",
  portal: "Portal",
};
