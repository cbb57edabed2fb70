import type { Tone } from "@/components/ui";
import type { TLevel } from "@/lib/quality/privacy/classification";

// Labels and tones the privacy pages share (pure: server and client components import it).

export const LEVEL_LABELS: Record<TLevel, string> = {
  public: "Public",
  internal: "Internal",
  confidential: "Confidential",
  restricted: "Restricted",
};

export const LEVEL_TONES: Record<TLevel, Tone> = {
  public: "neutral",
  internal: "info",
  confidential: "warning",
  restricted: "danger",
};

export const formatTime = (iso: string) => iso.slice(0, 16).replace("T", " ");
