export type VersionOption = { id: string; version: number };

/**
 * Versions a bulk DLQ replay may target. Only when every selected letter is from one flow, and only
 * versions no older than any letter's failed version (the service refuses older ones). A version equal
 * to every letter's own adds nothing over "the version each failed on", so it is left out.
 */
export function bulkReplayTargets(
  rows: { flowId: string; version: number }[],
  versionsByFlow: Record<string, VersionOption[]>,
): { flowIds: string[]; targets: VersionOption[] } {
  const flowIds = [...new Set(rows.map((r) => r.flowId))];
  if (flowIds.length !== 1) return { flowIds, targets: [] };
  const failed = rows.map((r) => r.version);
  const lowest = Math.min(...failed);
  const highest = Math.max(...failed);
  const targets = (versionsByFlow[flowIds[0]] ?? [])
    .filter((v) => v.version >= highest && v.version > lowest)
    .sort((a, b) => a.version - b.version);
  return { flowIds, targets };
}
