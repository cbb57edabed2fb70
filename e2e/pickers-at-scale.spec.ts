import { expect, test } from "@playwright/test";
import { signInAsRole } from "./support/auth";

// Journey: a facilitator imports a process sheet larger than the pickers used to load (the candidate
// form offered the first 2,000 processes), then finds a process far past that cap by typing part of
// its name, picks it with the keyboard and saves the candidate; the dependency graph's process filter
// finds it the same way.
const ROWS = 2_150;

test("a process past the old picker caps is found by name in the candidate form and the graph filter", async ({
  page,
}) => {
  test.setTimeout(300_000);
  const tag = Date.now().toString(36);
  // The department sorts after the seed's, so this process came after the old first 2,000 as well.
  const department = `Zulu logistics ${tag}`;
  const target = `Quarterly zebra reconciliation ${tag}`;
  const header =
    "name,department,ownerName,volumePerMonth,manualMinutesPerTxn,errorRatePct,cycleTimeHours,systems,painPoints";
  const lines = [header];
  for (let i = 0; i < ROWS - 1; i++)
    lines.push(`Scale run ${tag} ${String(i).padStart(4, "0")},${department},Ops,10,2,1,4,SAP S/4HANA,`);
  lines.push(`${target},${department},Ops,120,6,3,8,SAP S/4HANA,`);

  await signInAsRole(page, "facilitator");
  await page.goto("/inventory/import?kind=processes");
  await page
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: "processes-at-scale.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\r\n")) });
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.getByText(`All ${ROWS} row(s) are valid.`)).toBeVisible({ timeout: 60_000 });
  await page.getByRole("button", { name: `Import ${ROWS} row(s)` }).click();
  await expect(page.getByText(`Imported ${ROWS} processes row(s).`)).toBeVisible({ timeout: 120_000 });

  // The candidate form: type part of the name, see how many match, pick with the keyboard.
  await page.goto("/candidates/new");
  const name = `Zebra candidate ${tag}`;
  await page.getByLabel("Name").fill(name);
  const processes = page.getByRole("combobox", { name: "Processes", exact: true });
  await processes.click();
  // Without a query the popup lists the first matches and says there are more.
  await expect(page.getByText(/Showing the first 20 of [\d,]+ processes; type to narrow\./)).toBeVisible();
  await processes.fill(`scale run ${tag} 2140`);
  // (Scoped to the popup: the department select's options are options too.)
  const matches = page.getByRole("listbox", { name: "Matching processes" }).getByRole("option");
  await expect(matches).toHaveCount(1);
  await processes.fill(`zebra ${tag}`);
  await expect(matches).toHaveText([new RegExp(target)]);
  await processes.press("ArrowDown");
  await processes.press("Enter");
  const chosen = page.getByRole("list", { name: "Chosen processes" });
  await expect(chosen.getByText(target)).toBeVisible();
  await processes.press("Escape");
  await processes.fill(`no process called ${tag}`);
  await expect(page.getByText(`No process matches “no process called ${tag}”.`)).toBeVisible();
  await processes.fill("");
  await page.getByRole("button", { name: "Create candidate" }).click();
  await expect(page).toHaveURL(/\/candidates\/(?!new)[^/]+$/);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByRole("link", { name: target })).toBeVisible();

  // Editing shows the linked process without a search.
  await page.goto(`${page.url()}/edit`);
  await expect(page.getByRole("list", { name: "Chosen processes" }).getByText(target)).toBeVisible();

  // The dependency graph's filter: only processes linked to a system, found by name.
  await page.goto("/inventory/graph");
  const filter = page.getByRole("combobox", { name: "Process", exact: true });
  await filter.fill(`reconciliation ${tag}`);
  await expect(page.getByRole("option", { name: new RegExp(target) })).toBeVisible();
  await filter.press("Enter");
  await expect(filter).toHaveValue(target);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]processId=/);
  await expect(page.getByRole("combobox", { name: "Process", exact: true })).toHaveValue(target);
  await expect(page.getByText("No systems for this filter")).toHaveCount(0);
});
