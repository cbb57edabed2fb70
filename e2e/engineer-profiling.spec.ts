import { expect, test } from "@playwright/test";
import { signInAsRole } from "./support/auth";

// Journey: an integration engineer sets up a profile of a table, is told what is missing, saves it,
// runs it now and watches the run until the engine finishes it, then reads the column table and a
// column's histogram; finally deletes the profile behind its confirmation.
test("an engineer profiles a table: creates the profile, runs it now, reads columns and a histogram", async ({
  page,
}) => {
  // The engine's profiling job takes a "run now" on its next pass, up to a minute later.
  test.setTimeout(240_000);
  const name = `Environments table ${Date.now()}`;
  await signInAsRole(page, "integration_engineer");
  await page.goto("/quality/profiling");
  await expect(page.getByRole("heading", { name: "Profiling", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "New profile" }).first().click();
  await expect(page).toHaveURL(/\/quality\/profiling\/new$/);

  // A SQL profile without a name or table: both errors, beside their fields, focus on the first.
  const form = page.getByRole("form", { name: "New profile" });
  await form.getByRole("radio", { name: /A SQL table/ }).check();
  await form.getByRole("button", { name: "Create profile" }).click();
  await expect(page.getByTestId("error-pf-name")).toHaveText("Name the profile.");
  await expect(page.getByTestId("error-pf-table")).toContainText("Name the table");
  await expect(form.getByLabel("Name", { exact: true })).toBeFocused();

  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Table", { exact: true }).fill("Environment");
  await form.getByLabel("Interval (minutes)").fill("1440");
  await form.getByRole("button", { name: "Add column bounds" }).click();
  await expect(form.getByLabel("Column of row 1")).toBeFocused();
  await form.getByLabel("Column of row 1").fill("sortOrder");
  await form.getByLabel("Maximum of sortOrder").fill("1");
  await form.getByRole("button", { name: "Create profile" }).click();

  await expect(page).toHaveURL(/\/quality\/profiling\/(?!new)[^/]+$/);
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(page.getByText("This profile has not run yet.")).toBeVisible();

  await page.getByRole("button", { name: "Run now" }).click();
  await expect(page.getByTestId("profile-run-progress")).toBeVisible();
  await expect(page.getByRole("button", { name: /Run requested|Running/ })).toBeDisabled();
  // Polled every 2 s until the engine has started and finished the run; then the page re-renders.
  await expect(page.getByTestId("profile-run-result")).toContainText(/Profiled \d+ rows/, { timeout: 150_000 });

  const columns = page.getByRole("table", { name: "Columns of the latest run" });
  const sortOrder = columns.getByRole("row", { name: /sortOrder/ });
  await expect(sortOrder).toContainText("integer");
  await expect(columns.getByRole("row", { name: /isProduction/ })).toContainText("boolean");
  await sortOrder.getByRole("button", { name: "Show distributions of sortOrder" }).click();
  await expect(page.getByText("Histogram of sortOrder").first()).toBeVisible();
  // dev, test and prod sort as 1, 2 and 3: two above the bound of 1.
  await expect(page.getByText(/Out of range: 0 below, 2 above/)).toBeVisible();
  await expect(page.getByRole("table", { name: /Formats of sortOrder/ })).toContainText("integer");
  await expect(page.getByRole("table", { name: "Runs" }).getByRole("row")).toHaveCount(2);

  // The list shows its last run; then the profile goes, behind a confirmation.
  await page.goto("/quality/profiling");
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("Succeeded");
  await row.getByRole("link", { name }).click();
  await page.getByRole("button", { name: "Delete…" }).click();
  const dialog = page.getByRole("dialog", { name: `Delete the profile ${name}?` });
  await dialog.getByRole("button", { name: "Delete profile" }).click();
  await expect(page).toHaveURL(/\/quality\/profiling$/);
  await expect(page.getByRole("link", { name })).toHaveCount(0);
});

// Journey: a viewer reads the seeded CRM stream profile (six hourly runs, the last with a fifth of the
// emails missing): the null-rate trend, the anomaly it raised, and follows it to the alert inbox.
test("a viewer reads a stream profile's trend and follows its anomaly to the alert", async ({ page }) => {
  await signInAsRole(page, "viewer");
  await page.goto("/quality/profiling");
  await page.getByRole("link", { name: "CRM customers (stream, dev)", exact: true }).click();
  await expect(page.getByRole("heading", { name: "CRM customers (stream, dev)", level: 1 })).toBeVisible();
  // Reading only: no run, edit or delete.
  await expect(page.getByRole("button", { name: "Run now" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);

  const email = page.getByRole("table", { name: "Columns of the latest run" }).getByRole("row", { name: /^email/ });
  await expect(email).toContainText("20%");
  await expect(page.getByRole("heading", { name: /Trends over the last \d+ successful runs/ })).toBeVisible();
  // The charts' text equivalent: one row per run, the email column's null rate in the last.
  const nullRates = page.getByRole("table", { name: "Null rate per column" });
  await expect(nullRates.getByRole("columnheader", { name: "email" })).toBeAttached();

  const anomalies = page.getByRole("table", { name: "Anomalies" });
  const jump = anomalies.getByRole("row", { name: /Null-rate jump/ });
  await expect(jump).toContainText("email");
  await jump.getByRole("link", { name: "Open alert" }).click();
  await expect(page).toHaveURL(/\/flows\/alerts\?q=/);
  await expect(page.getByRole("table", { name: "Alerts" })).toContainText('Profile "CRM customers (stream, dev)"');
});
