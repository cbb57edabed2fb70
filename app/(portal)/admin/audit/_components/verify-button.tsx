"use client";

import { useState, useTransition } from "react";
import { Button, Notice } from "@/components/ui";
import type { ActionResult } from "@/lib/errors";
import { verifyAuditChainAction } from "../actions";

type Report = Awaited<ReturnType<typeof verifyAuditChainAction>>;

export function VerifyChainButton() {
  const [report, setReport] = useState<Report | null>(null);
  const [pending, start] = useTransition();
  return (
    <div className="space-y-3">
      <Button
        onClick={() => start(async () => setReport(await verifyAuditChainAction()))}
        disabled={pending}
        aria-busy={pending}
      >
        {pending ? "Verifying…" : "Verify chain"}
      </Button>
      {report && <ReportNotice report={report} />}
    </div>
  );
}

function ReportNotice({
  report,
}: {
  report: ActionResult<{ ok: boolean; checked: number; brokenSeq?: string; reason?: string }>;
}) {
  if (!report.ok) return <Notice tone="danger">{report.error}</Notice>;
  const r = report.data;
  if (r.ok)
    return (
      <Notice tone="success" title="Chain intact">
        {r.checked.toLocaleString()} entries verified.
      </Notice>
    );
  return (
    <Notice tone="danger" title={`Chain broken at entry #${r.brokenSeq}`}>
      {r.checked.toLocaleString()} entries before it verified; entry #{r.brokenSeq}: {r.reason}.
    </Notice>
  );
}
