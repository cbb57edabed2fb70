import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { Profiler } from "@/lib/quality/profiling";
import type { TProfileColumnRow } from "@/lib/services/quality/profiling/types";
import { emptyFormState } from "../_lib/form-model";
import { ColumnDetail } from "./column-detail";
import { ColumnsTable } from "./columns-table";
import { ProfileForm } from "./profile-form";
import { RunPanel } from "./run-panel";

vi.mock("next/navigation", () => ({
  useRouter: () => ({ push: vi.fn(), refresh: vi.fn(), replace: vi.fn() }),
  usePathname: () => "/quality/profiling",
  useSearchParams: () => new URLSearchParams(),
}));
// Server actions are references on the client; here they are never called.
vi.mock("../actions", () => ({
  profileRunProgressAction: vi.fn(),
  requestProfileRunAction: vi.fn(),
  saveProfileDefinitionAction: vi.fn(),
  profileStepOptionsAction: vi.fn(),
  deleteProfileDefinitionAction: vi.fn(),
}));
vi.mock("../../../_lookups/search", () => ({ searchFlows: vi.fn() }));

function columns(): TProfileColumnRow[] {
  const p = new Profiler({ mode: "json", bounds: { amount: { min: 0, max: 100 } } });
  for (let i = 0; i < 40; i++)
    p.add({
      amount: i === 3 ? 250 : i % 10,
      email: i % 4 === 0 ? null : `user${i}@example.com`,
      "customer.zip": i === 39 ? 1234 : String(10000 + i),
    });
  return p.report().columns.map((c) => ({
    name: c.name,
    type: c.type,
    nulls: c.nulls,
    nullRate: c.nullRate,
    distinct: c.distinct,
    profile: c,
  }));
}

describe("ColumnsTable", () => {
  it("shows each column's type, null %, distinct, range, formats and out-of-range count", () => {
    const html = renderToStaticMarkup(<ColumnsTable columns={columns()} />);
    expect(html).toContain("customer.zip");
    expect(html).toContain("type drift"); // a number among strings
    expect(html).toContain("25%"); // email null rate
    expect(html).toContain("email"); // the email format
    expect(html).toMatch(/aria-expanded="false"/);
  });
});

describe("ColumnDetail", () => {
  it("charts a numeric column's histogram and lists formats and patterns", () => {
    const amount = columns().find((c) => c.name === "amount")!;
    const html = renderToStaticMarkup(<ColumnDetail profile={amount.profile} />);
    expect(html).toContain("Histogram of amount");
    expect(html).toContain("Formats of amount");
    expect(html).toContain("Out of range:");
  });
  it("lists a text column's most frequent values instead", () => {
    const email = columns().find((c) => c.name === "email")!;
    const html = renderToStaticMarkup(<ColumnDetail profile={email.profile} />);
    expect(html).toContain("Most frequent values of email");
    expect(html).toContain("Patterns of email");
  });
});

describe("RunPanel", () => {
  const run = {
    id: "r1",
    trigger: "manual" as const,
    windowStart: null,
    windowEnd: null,
    startedAt: "2026-12-03T07:00:00.000Z",
    finishedAt: null,
    error: null,
    anomalies: 0,
  };
  it("shows a determinate bar while a run with a known total is running", () => {
    const html = renderToStaticMarkup(
      <RunPanel
        definitionId="d1"
        initialRun={{ ...run, status: "running", rowsDone: 500, rowsTotal: 2000 }}
        columnCount={0}
        canRun
      />,
    );
    expect(html).toContain("Profiling: 500 rows of about 2,000… (25%)");
    expect(html).toMatch(/<progress[^>]*value="0.25"/);
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*>Running…/);
  });
  it("offers Run now after a finished run, and only to those who may", () => {
    const done = {
      ...run,
      status: "succeeded" as const,
      rowsDone: 40,
      rowsTotal: null,
      finishedAt: "2026-12-03T07:00:05.000Z",
    };
    const html = renderToStaticMarkup(<RunPanel definitionId="d1" initialRun={done} columnCount={3} canRun />);
    expect(html).toContain("Run now");
    expect(html).toContain("Profiled 40 rows. 3 columns, nothing unusual");
    expect(
      renderToStaticMarkup(<RunPanel definitionId="d1" initialRun={done} columnCount={3} canRun={false} />),
    ).not.toContain("Run now");
  });
});

describe("ProfileForm", () => {
  it("renders labelled fields for a new stream profile", () => {
    const html = renderToStaticMarkup(
      <ProfileForm
        initial={emptyFormState()}
        environments={[{ id: "e1", key: "dev", label: "Development (dev)" }]}
        flow={null}
        steps={[]}
      />,
    );
    for (const label of ["Name", "Flow", "Environment", "Profile step", "Interval (minutes)", "Baseline runs"])
      expect(html).toContain(`>${label}</label>`);
    expect(html).toContain("Create profile");
    expect(html).toContain('value="60"');
  });
});
