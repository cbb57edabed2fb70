import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DemoSystems } from "../lib/engine/demo/systems";
import { signInAsRole } from "./support/auth";

// Journey: the demo data owner tightens the crm-customers rule set (the email must be on the company's
// domain, and a new credit-limit range), reads the impact over the records the engine last checked
// before saving, and saves a new version; then works the quarantine: filters to "my data", fixes one
// record's failing field and resubmits it (the engine sends it on: the entry becomes resubmitted),
// rejects another with a reason, and rejects everything matching a rule filter with the progress bar.
// Needs the engine running next to the web (the e2e server starts it). The seeded flow delivers to the
// demo ERP at SWITCHBOARD_DEMO_PORT, which this test serves when the port is free.
const GATEWAY = process.env.E2E_GATEWAY_URL ?? `http://127.0.0.1:${process.env.ENGINE_GATEWAY_PORT ?? 4000}`;
const FLOW = "demo-crm-customers-validated";
const erp = new DemoSystems();

test.beforeAll(async () => {
  await erp.listen(Number(process.env.SWITCHBOARD_DEMO_PORT ?? 4100)).catch(() => null);
});
test.afterAll(() => erp.close());

/** Customers that pass the deployed version (v1); two of them break the draft. */
const CUSTOMERS = [
  { creditLimit: 500, email: "ana@example.com" },
  { creditLimit: 25_000, email: "ben@example.com" },
  { creditLimit: 800, email: "cleo@acme.test" },
  { creditLimit: 1_200, email: "dan@example.com" },
].map((c, i) => ({
  id: `E2E-${i + 1}`,
  customerId: `CRM-E2E-${i + 1}`,
  name: `Journey Customer ${i + 1}`,
  country: "DE",
  iban: "DE89370400440532013000",
  ...c,
}));

async function sendCustomers(request: APIRequestContext): Promise<void> {
  for (const c of CUSTOMERS) {
    const r = await request.post(`${GATEWAY}/flows/${FLOW}/dev`, { data: c, timeout: 30_000 });
    expect(r.status(), `gateway answered ${r.status()}`).toBeLessThan(600);
  }
}

async function reloadUntil(page: Page, check: () => Promise<void>, timeout = 60_000): Promise<void> {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout, intervals: [1_000, 2_000, 3_000] });
}

async function filterQuarantine(page: Page, rule: string): Promise<void> {
  await page.goto("/quality/quarantine");
  await page.getByLabel("Owner", { exact: true }).selectOption("1");
  await expect(page).toHaveURL(/mine=1/);
  await page.getByLabel("Rule id").fill(rule);
  await page.getByLabel("Rule id").press("Enter");
  await expect(page).toHaveURL(new RegExp(`rule=${rule}`));
}

test("a data owner tightens a rule set with its impact preview, then works the quarantine", async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  await signInAsRole(page, "data_owner");

  // Records the validate step checked in dev: what the impact preview replays.
  await sendCustomers(request);

  // 1. The rule set, from the list.
  await page.goto("/quality/rules");
  await page
    .getByRole("row", { name: /crm-customers/ })
    .getByRole("link")
    .first()
    .click();
  await expect(page).toHaveURL(/\/quality\/rules\/crm-customers$/);
  await expect(page.getByRole("table", { name: "Versions" }).getByRole("row")).toHaveCount(2);

  // 2. Tighten the email rule to the company's domain …
  await page.getByRole("button", { name: "Edit rule email-format" }).click();
  const edit = page.getByRole("form", { name: "Edit rule email-format" });
  await edit.getByLabel("Check").selectOption("pattern");
  await edit.getByLabel("Pattern").fill("^[^@\\s]+@example\\.com$");
  await edit.getByLabel("Message").fill("must be an example.com address");
  await edit.getByRole("button", { name: "Update rule" }).click();
  await expect(page.getByTestId("rule-email-format")).toContainText("example");

  // … and add a range.
  const add = page.getByRole("form", { name: "Add a rule" });
  await add.getByLabel("Rule id").fill("credit-limit-range");
  await add.getByLabel("Field", { exact: true }).fill("creditLimit");
  await add.getByLabel("Check").selectOption("range");
  await add.getByLabel("Minimum").fill("0");
  await add.getByLabel("Maximum").fill("10000");
  await add.getByLabel("Message").fill("credit limit above 10,000 needs a second approval");
  await add.getByRole("button", { name: "Add rule" }).click();
  await expect(page.getByTestId("rule-credit-limit-range")).toBeVisible();
  await expect(page.getByText("Rules (unsaved draft)")).toBeVisible();

  // 3. The impact before saving: of the records seen in dev, two would now fail, and which.
  await expect(page.getByLabel("Environment")).toHaveValue(/.+/);
  await page.getByLabel("Environment").selectOption({ label: "Development" });
  await expect(async () => {
    await page.getByRole("button", { name: "Preview impact" }).click();
    await expect(page.getByTestId("impact-preview")).toContainText("Records replayed", { timeout: 3_000 });
  }).toPass({ timeout: 30_000, intervals: [1_000, 2_000] });
  const preview = page.getByTestId("impact-preview");
  await expect(preview).toContainText("Would fail (draft)");
  await expect(preview).toContainText("+2 / −0");
  const violations = page.getByRole("table", { name: "Violations in the draft" });
  await expect(violations.getByRole("row")).toHaveCount(3);
  await expect(violations.getByRole("row", { name: /credit-limit-range/ })).toContainText("newly failing");
  await expect(violations.getByRole("row", { name: /email-format/ })).toContainText("newly failing");

  // 4. Save as a new version.
  await page.getByLabel("Note").fill("Company email domain; credit limit capped at 10,000");
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByText("Saved as version 2. Deploy it to an environment to enforce it.")).toBeVisible();
  const versions = page.getByRole("table", { name: "Versions" });
  await expect(versions.getByRole("row", { name: /^v2/ })).toContainText("Company email domain");
  await expect(versions.getByRole("row", { name: /^v2/ })).toContainText("5");

  // 5. The quarantine, my data only: fix the failing email of one record and resubmit it.
  await filterQuarantine(page, "email-format");
  await page.getByRole("link", { name: "email: must be an email address", exact: true }).first().click();
  await expect(page).toHaveURL(/\/quality\/quarantine\/[^/]+$/);
  await expect(page.getByTestId("violation-line")).toContainText("email-format");
  const editor = page.getByLabel("Fix the record (JSON)");
  const record = JSON.parse(await editor.inputValue()) as { email: string; customerId: string };
  expect(record.email).not.toContain("@");
  await editor.fill(JSON.stringify({ ...record, email: record.email.replace(".", "@") }, null, 2));
  await page.getByRole("button", { name: "Save fix and resubmit" }).click();
  const entryUrl = page.url();
  await reloadUntil(page, async () => {
    await expect(page.getByText("resubmitted", { exact: true })).toBeVisible({ timeout: 2_000 });
  });
  await expect(page.getByText(/requested by owner@switchboard\.local .*; sent /)).toBeVisible();
  await expect(page.getByText("Showing the saved fix.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save fix and resubmit" })).toHaveCount(0);
  await expect(page.getByTestId("quarantine-history")).toContainText("owner@switchboard.local");

  // 6. Reject another, with a reason.
  await filterQuarantine(page, "iban-checksum");
  await page.getByRole("link", { name: "iban: must be a valid IBAN", exact: true }).first().click();
  expect(page.url()).not.toBe(entryUrl);
  await page.getByRole("button", { name: "Reject…" }).click();
  const reject = page.getByRole("dialog", { name: "Reject this record?" });
  await reject.getByLabel("Reason for rejecting").fill("Closed account: the customer left in 2023");
  await reject.getByRole("button", { name: "Reject" }).click();
  await expect(page.getByText("rejected", { exact: true })).toBeVisible();
  await expect(
    page.getByText(/by owner@switchboard\.local at .*: Closed account: the customer left in 2023/),
  ).toBeVisible();

  // 7. Everything matching a filter, with progress to the end: the six records with a non-ISO country.
  await filterQuarantine(page, "country-iso");
  const table = page.getByRole("table", { name: "Quarantined records" });
  await expect(table.getByRole("link", { name: /country: must be an ISO country/ })).toHaveCount(6);
  await page.getByRole("button", { name: "Reject all matching…" }).click();
  const bulk = page.getByRole("dialog", { name: "Reject every pending entry matching my data, rule country-iso?" });
  await bulk.getByLabel("Reason for rejecting all").fill("Legacy country names; re-sent by the CRM migration");
  await bulk.getByRole("button", { name: "Reject all matching" }).click();
  await expect(page.getByTestId("bulk-result")).toHaveText("6 of 6 entries rejected.");
  const bar = page.getByLabel("Bulk progress");
  await expect(bar).toHaveJSProperty("max", 6);
  await expect(bar).toHaveJSProperty("value", 6);
  // Nothing pending is left under that filter.
  await expect(page.getByText("No results match your search and filters.")).toBeVisible();
  await expect(table.getByRole("link", { name: /country: must be an ISO country/ })).toHaveCount(0);

  // 8. Archiving asks first and is refused while the rule set is enforced, saying where; undeploying
  // it from dev is refused while the demo flow's validate step needs it.
  await page.goto("/quality/rules/crm-customers");
  await page.getByRole("button", { name: "Archive rule set" }).click();
  const archive = page.getByRole("dialog", { name: "Archive crm-customers?" });
  await archive.getByRole("button", { name: "Archive" }).click();
  await expect(archive).toContainText(
    "crm-customers is still enforced in Development (v1): undeploy it from Development first.",
  );
  await archive.getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("button", { name: "Undeploy from dev" }).click();
  const undeploy = page.getByRole("dialog", { name: "Stop enforcing crm-customers in Development?" });
  await undeploy.getByRole("button", { name: "Undeploy" }).click();
  await expect(undeploy).toContainText(
    /demo-crm-customers-validated v\d+ checks its records against crm-customers in Development/,
  );
  await undeploy.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("deploy-dev")).toContainText("enforces v1");
  await page.goto("/quality/rules");
  await expect(page.getByRole("row", { name: /crm-customers/ }).first()).toBeVisible();
  await page.getByLabel("Archived", { exact: true }).selectOption("yes");
  await expect(page).toHaveURL(/archived=yes/);
  await expect(page.getByText("No results match your search and filters.")).toBeVisible();
});
