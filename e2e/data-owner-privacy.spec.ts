import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { DemoSystems } from "../lib/engine/demo/systems";
import { signInAsRole, signOut } from "./support/auth";

// Journey: the demo data owner classifies a new field of the CRM customer flow as restricted PII, adds
// a rule for it to the seeded masking policy crm-customers (first, so it wins over the PII rule), saves
// the new version and deploys it to dev. A customer sent through the gateway then fails at the ERP (in an
// outage) and lands in the dead letter channel: the data owner sees its payload in clear, a viewer
// (without quality:sensitive) sees the new field partially masked and the other classified fields masked
// in the message journey and the dead letter. Needs the engine running next to the web (the e2e server
// starts it); the seeded flow delivers to the demo ERP at SWITCHBOARD_DEMO_PORT, which this test serves.
const GATEWAY = process.env.E2E_GATEWAY_URL ?? `http://127.0.0.1:${process.env.ENGINE_GATEWAY_PORT ?? 4000}`;
const FLOW = "demo-crm-customers-validated";
const erp = new DemoSystems();

test.beforeAll(async () => {
  // The ERP must be ours (and down): a healthy one elsewhere on the port would take the message.
  await erp.listen(Number(process.env.SWITCHBOARD_DEMO_PORT ?? 4100));
  erp.outage.erp = true;
});
test.afterAll(() => erp.close());

async function reloadUntil(page: Page, check: () => Promise<void>, timeout = 60_000): Promise<void> {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout, intervals: [1_000, 2_000, 3_000] });
}

test("a data owner classifies a field and masks it; a viewer sees the payload masked", async ({ page, request }) => {
  test.setTimeout(240_000);
  await signInAsRole(page, "data_owner");

  // 1. Classify dateOfBirth on the CRM customer flow as restricted PII.
  await page.goto("/quality/privacy");
  await expect(page.getByRole("table", { name: "Classified fields" })).toContainText("iban");
  const classify = page.getByRole("form", { name: "Classify a field" });
  await classify.getByLabel("Flow", { exact: true }).fill(FLOW);
  await page.getByRole("option", { name: new RegExp(FLOW) }).click();
  await classify.getByLabel("Field path", { exact: true }).fill("dateOfBirth");
  await classify.getByLabel("Level", { exact: true }).selectOption("restricted");
  await expect(classify.getByLabel("PII", { exact: true })).toBeChecked();
  await classify.getByRole("button", { name: "Classify field" }).click();
  await expect(classify.getByText(`dateOfBirth in ${FLOW} is restricted (PII).`)).toBeVisible();
  const row = page.getByRole("table", { name: "Classified fields" }).getByRole("row", { name: /dateOfBirth/ });
  await expect(row).toContainText("Restricted");
  await expect(row).toContainText("confirmed");

  // The seeded suggestion waits for a decision: dismiss it.
  await page.getByRole("button", { name: `Dismiss country in ${FLOW}` }).click();
  await expect(page.getByText(`country in ${FLOW} is dismissed`)).toBeVisible();

  // 2. The policy: a rule for dateOfBirth (keep the year), moved to the top, saved and deployed to dev.
  await page
    .getByRole("navigation", { name: "Classification and masking" })
    .getByRole("link", { name: "Masking policies" })
    .click();
  await page.getByRole("link", { name: "crm-customers" }).click();
  await expect(page).toHaveURL(/\/quality\/privacy\/policies\/crm-customers$/);
  await expect(page.getByTestId("deploy-dev")).toContainText("applies v1");
  const editor = page.getByRole("form", { name: "Masking policy" });
  await expect(editor.getByTestId(/^policy-rule-/)).toHaveCount(4);
  await editor.getByRole("button", { name: "Add rule" }).click();
  await editor.getByLabel("Rule 5: match by").selectOption("path");
  await editor.getByLabel("Rule 5: path").fill("dateOfBirth");
  await editor.getByLabel("Rule 5: method").selectOption("partial");
  await editor.getByLabel("Rule 5: keep first").fill("4");
  for (const n of [5, 4, 3, 2]) await editor.getByRole("button", { name: `Move rule ${n} up` }).click();
  await expect(editor.getByLabel("Rule 1: path")).toHaveValue("dateOfBirth");
  await editor.getByLabel("Note", { exact: true }).fill("Birth dates keep their year only");
  await editor.getByRole("button", { name: "Save as new version" }).click();
  await expect(editor.getByText("Saved as version 2. Deploy it to an environment to apply it.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Rules" })).toContainText("field dateOfBirth → partial");
  await page.getByTestId("deploy-dev").getByRole("button", { name: "Deploy v2 to dev" }).click();
  await expect(
    page.getByText("Development masks with v2 of crm-customers from the engine's next messages."),
  ).toBeVisible();
  await expect(page.getByTestId("deploy-dev")).toContainText("applies v2");

  // 3. A customer through the gateway; the ERP is down, so it ends in the dead letter channel.
  const correlationId = `e2e-privacy-${randomUUID()}`;
  const customer = {
    customerId: "CRM-E2E-PRIV-1",
    name: "Privacy Journey Customer",
    email: "privacy.journey@example.com",
    country: "DE",
    iban: "DE89370400440532013000",
    dateOfBirth: "1985-04-12",
  };
  const r = await request.post(`${GATEWAY}/flows/${FLOW}/dev`, {
    data: customer,
    headers: { "x-correlation-id": correlationId },
    timeout: 60_000,
  });
  expect(r.status(), `gateway answered ${r.status()}`).toBeLessThan(600);

  // The data owner holds quality:sensitive: the journey shows the payload in clear.
  // Lineage is written in batches after the run: wait for its row.
  await page.goto(`/flows/runs?q=${correlationId}`);
  const runLink = page.locator('a[href^="/flows/runs/"]').first();
  await reloadUntil(page, () => expect(runLink).toBeVisible({ timeout: 2_000 }), 90_000);
  const runHref = await runLink.getAttribute("href");
  expect(runHref).toBeTruthy();
  await page.goto(runHref!);
  await reloadUntil(
    page,
    () => expect(page.getByRole("link", { name: "Open the dead letter" })).toBeVisible({ timeout: 2_000 }),
    90_000,
  );
  await expect(page.getByRole("region", { name: "Input payload" })).toContainText("1985-04-12");
  await expect(page.getByRole("region", { name: "Input payload" })).toContainText(customer.email);
  await signOut(page);

  // 4. A viewer (no quality:sensitive) sees the same run and dead letter masked by the deployed policy.
  await signInAsRole(page, "viewer");
  await page.goto(runHref!);
  const input = page.getByRole("region", { name: "Input payload" });
  await expect(input).toContainText('"dateOfBirth": "1985-**-**"');
  await expect(input).toContainText('"iban": "DE****************3000"');
  await expect(input).toContainText('"customerId": "CRM-E2E-PRIV-1"');
  await expect(input).not.toContainText("1985-04-12");
  await expect(input).not.toContainText(customer.email);
  await expect(input).not.toContainText(customer.name);
  await page.getByRole("link", { name: "Open the dead letter" }).click();
  await expect(page).toHaveURL(/\/flows\/dlq\/[^/]+$/);
  const original = page.getByRole("region", { name: "Original payload" });
  await expect(original).toContainText("1985-**-**");
  await expect(original).not.toContainText("1985-04-12");
  await expect(original).not.toContainText(customer.email);

  // The viewer reads the classifications but may not classify or manage policies.
  await page.goto("/quality/privacy");
  await expect(page.getByRole("table", { name: "Classified fields" })).toContainText("dateOfBirth");
  await expect(page.getByRole("form", { name: "Classify a field" })).toHaveCount(0);
  await page.goto("/quality/privacy/policies/crm-customers");
  await expect(page.getByRole("form", { name: "Masking policy" })).toHaveCount(0);
  await expect(page.getByTestId("deploy-dev")).toContainText("applies v2");
});
