// Edge colour encodes the current mechanism: the manual and file ones are what integration replaces.
export const MECHANISM_COLOURS: Record<string, string> = {
  manual: "#dc2626",
  file: "#d97706",
  point_to_point: "#7c3aed",
  api: "#059669",
  queue: "#2563eb",
};

export const CRITICALITY_BORDER: Record<string, string> = {
  low: "#cbd5e1",
  medium: "#818cf8",
  high: "#f59e0b",
  mission_critical: "#dc2626",
};
