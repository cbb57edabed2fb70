import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { parseListQuery, type ListResult } from "@/lib/validation/list";
import { DataTable, type DataTableColumn } from ".";

vi.mock("next/navigation", () => ({
  useRouter: () => ({ replace: vi.fn() }),
  usePathname: () => "/systems",
  useSearchParams: () => new URLSearchParams(),
}));

type Row = { id: string; name: string; vendor: string | null };
const columns: DataTableColumn<Row>[] = [
  { id: "name", header: "Name", sortable: true },
  { id: "vendor", header: "Vendor" },
  { id: "actions", header: "Actions", cell: (r) => <a href={`/systems/${r.id}`}>Open {r.name}</a> },
];
const rows: Row[] = [
  { id: "a", name: "SAP <ERP>", vendor: "SAP" },
  { id: "b", name: "Workday", vendor: null },
];

function render(search: string, result: Partial<ListResult<Row>> = {}, emptyMessage?: string) {
  return renderToStaticMarkup(
    <DataTable
      caption="Systems"
      columns={columns}
      result={{ rows, total: 10_234, page: 1, pageSize: 25, ...result }}
      query={parseListQuery(new URLSearchParams(search))}
      getRowId={(r) => r.id}
      filters={[{ id: "type", label: "Type", options: [{ value: "erp", label: "ERP" }] }]}
      exportHref="/api/export/systems"
      emptyMessage={emptyMessage}
    />,
  );
}

describe("DataTable (server render)", () => {
  it("renders caption, cells with default and custom renderers, and the range", () => {
    const html = render("");
    expect(html).toContain('<caption id="');
    expect(html).toContain(">Systems</caption>");
    expect(html).toContain("SAP &lt;ERP&gt;");
    expect(html).toContain('<a href="/systems/b">Open Workday</a>');
    expect(html).toContain("Showing 1–25 of 10,234");
    expect(html).toMatch(/Page <span[^>]*>1<\/span> of.*<span[^>]*>410<\/span>/);
  });

  it("marks the sorted column with aria-sort and leaves unsortable columns without it", () => {
    const html = render("sort=name&dir=desc");
    expect(html).toMatch(/<th[^>]*aria-sort="descending"[^>]*>.*?Name/);
    expect(html).toMatch(/<th scope="col" class="[^"]*">Vendor<\/th>/);
  });

  it("ignores a sort on a column that is not sortable", () => {
    expect(render("sort=vendor&dir=desc")).not.toContain('aria-sort="descending"');
  });

  it("disables previous/first on page 1 and next/last on the last page", () => {
    const isDisabled = (html: string, label: string) =>
      / disabled=""/.test(html.match(new RegExp(`<button[^>]*aria-label="${label}"[^>]*>`))?.[0] ?? "");
    const first = render("");
    expect(isDisabled(first, "First page")).toBe(true);
    expect(isDisabled(first, "Previous page")).toBe(true);
    expect(isDisabled(first, "Next page")).toBe(false);
    expect(isDisabled(first, "Last page")).toBe(false);
    const last = render("page=410", { page: 410 });
    expect(isDisabled(last, "Next page")).toBe(true);
    expect(isDisabled(last, "Last page")).toBe(true);
    expect(isDisabled(last, "Previous page")).toBe(false);
  });

  it("links the export to the current search, sort and filters", () => {
    const html = render("q=sap&sort=name&dir=asc&f.type=erp&page=3", { page: 3 });
    expect(html).toContain('href="/api/export/systems?q=sap&amp;sort=name&amp;dir=asc&amp;f.type=erp"');
  });

  it("tells 'no data yet' apart from 'no matches' and offers Clear filters only for the latter", () => {
    const noData = render("", { rows: [], total: 0 }, "No systems yet.");
    expect(noData).toContain("No systems yet.");
    expect(noData).not.toContain("Clear filters");
    const noMatch = render("q=zzz", { rows: [], total: 0 }, "No systems yet.");
    expect(noMatch).toContain("No results match your search and filters.");
    expect(noMatch).toContain("Clear filters");
    expect(noMatch).toContain('Page <span class="font-medium text-slate-900">1</span> of');
  });

  it("offers a way back when the page is past the end", () => {
    expect(render("page=999", { rows: [], page: 999 })).toContain("Go to first page");
  });
});
