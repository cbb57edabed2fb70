import { expect, test } from "@playwright/test";
import { signInAsRole } from "./support/auth";

// Journey: a facilitator imports the workshop's process sheet. A file with one bad row is
// rejected whole, with the row and field named; the fixed file imports and shows in the list.
test("a process sheet with one bad row imports nothing; the fixed sheet imports", async ({ page }) => {
  const tag = Date.now().toString(36);
  const names = [`Cash application ${tag}`, `Dunning letters ${tag}`, `Credit notes ${tag}`];
  const header =
    "name,department,ownerName,volumePerMonth,manualMinutesPerTxn,errorRatePct,cycleTimeHours,systems,painPoints";
  const rows = (errorRate: string) => [
    header,
    `${names[0]},Finance,Credit & collections,5200,3,5,24,SAP S/4HANA,high: remittances read from PDFs #manual`,
    `${names[1]},Finance,Credit & collections,800,6,${errorRate},48,SAP S/4HANA; Salesforce Sales Cloud,medium: letters printed and posted #paper`,
    `${names[2]},Finance,AR team,300,12,4,72,SAP S/4HANA,`,
  ];
  const upload = async (lines: string[], fileName: string) => {
    await page
      .getByLabel("File", { exact: true })
      .setInputFiles({ name: fileName, mimeType: "text/csv", buffer: Buffer.from(lines.join("\r\n")) });
    await page.getByRole("button", { name: "Check file" }).click();
  };

  await signInAsRole(page, "facilitator");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Inventory" }).click();
  await page.getByRole("navigation", { name: "Inventory" }).getByRole("link", { name: "Import / export" }).click();
  await page.getByLabel("Sheet", { exact: true }).selectOption("processes");

  // Row 3 has an error rate of 140%: the whole file is refused and the report names row 3 / errorRatePct.
  await upload(rows("140"), "processes-bad.csv");
  await expect(page.getByText("1 problem(s) found. Nothing was imported.")).toBeVisible();
  const issue = page.getByTestId("import-issue");
  await expect(issue).toHaveCount(1);
  await expect(issue.getByRole("cell").nth(0)).toHaveText("3");
  await expect(issue.getByRole("cell").nth(1)).toHaveText("errorRatePct");
  await expect(issue.getByRole("cell").nth(2)).toContainText("cannot exceed 100");

  // Nothing from the rejected file reached the inventory, not even its valid rows.
  await page.goto(`/inventory/processes?q=${encodeURIComponent(tag)}`);
  const emptyTable = page.getByRole("table", { name: "Business processes" });
  await expect(emptyTable.getByText("No results match")).toBeVisible();
  for (const name of names) await expect(emptyTable.getByRole("link", { name })).toHaveCount(0);

  // The fixed file passes the check, then imports all three rows in one go.
  await page.goto("/inventory/import?kind=processes");
  await upload(rows("9.5"), "processes-fixed.csv");
  await expect(page.getByText("All 3 row(s) are valid.")).toBeVisible();
  await page.getByRole("button", { name: "Import 3 row(s)" }).click();
  await expect(page.getByText("Imported 3 processes row(s).")).toBeVisible();
  await expect(page.getByText("3 created, 0 updated, 0 unchanged.")).toBeVisible();

  await page.getByRole("link", { name: "View processes" }).click();
  await page.getByPlaceholder("Search name or description").fill(tag);
  // The search is debounced; wait until it has been applied before clicking a row.
  await expect(page).toHaveURL(new RegExp(`[?&]q=${tag}`));
  const table = page.getByRole("table", { name: "Business processes" });
  for (const name of names) await expect(table.getByRole("link", { name })).toBeVisible();
  await table.getByRole("link", { name: names[1] }).click();
  await expect(page.getByRole("heading", { name: names[1] })).toBeVisible();
  await expect(page.getByText("9.5%")).toBeVisible();
  await expect(page.getByText("letters printed and posted")).toBeVisible();
});
