import { Badge } from "@/components/ui";
import type { TProfileRunStatus } from "@/lib/services/quality/profiling/types";
import { RUN_STATUS } from "../_lib/present";

export function RunStatusBadge({ status }: { status: TProfileRunStatus }) {
  const s = RUN_STATUS[status];
  return <Badge tone={s.tone}>{s.label}</Badge>;
}
