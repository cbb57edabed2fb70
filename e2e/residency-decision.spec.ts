import { expect, test } from "@playwright/test";
import { signInAsRole } from "./support/auth";

// Journey: an engineer asks the advisor about an interface that would move EU personal data to the US
// without a legal basis, records the (flagged) decision, then builds a flow implementing that
// interface. The flow carries the residency flag; production takes it only through a change request,
// where the flag is a conflict the CAB sees before it votes.
const INTERFACE = "Webshop orders to ERP";

test("a residency-flagged decision marks the flow and reaches the CAB with its production change", async ({ page }) => {
  test.setTimeout(180_000);
  const name = `e2e-residency-${Date.now().toString(36)}`;
  await signInAsRole(page, "integration_engineer");

  // 1. The advisor flags the transfer and the decision is recorded.
  await page.goto("/advisor/new");
  // The interface picker searches the inventory; Enter takes the highlighted first match.
  await page.getByLabel("Interface", { exact: true }).fill("webshop orders");
  await expect(page.getByRole("option", { name: new RegExp(INTERFACE) })).toBeVisible();
  await page.getByLabel("Interface", { exact: true }).press("Enter");
  await expect(page.getByLabel("Interface", { exact: true })).toHaveValue(INTERFACE);
  await page.getByRole("button", { name: "Open" }).click();
  await page.getByLabel("Carries personal data").check();
  await page.getByLabel("Source region").selectOption("eu");
  await page.getByLabel("Target region").selectOption("us");
  await page.getByLabel("Legal basis for transfer").selectOption("none");
  await expect(page.getByText("Data residency: flagged")).toBeVisible();
  await page.getByRole("button", { name: "Record decision" }).click();
  await expect(page).toHaveURL(/\/advisor\/[^/?]+\?recorded=1/);
  const adr = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";

  // 2. A flow linked to that interface shows the flag.
  await page.goto("/flows/new");
  await page.getByLabel("Flow name").fill(name);
  await page.getByLabel("Inventory interface").fill("webshop orders");
  await expect(page.getByRole("option", { name: /Webshop orders to ERP.*Residency flagged/ })).toBeVisible();
  await page.getByLabel("Inventory interface").press("ArrowDown");
  await page.getByLabel("Inventory interface").press("ArrowUp");
  await page.getByLabel("Inventory interface").press("Enter");
  await expect(page.getByLabel("Inventory interface")).toHaveValue(INTERFACE);
  await expect(page.getByText("This interface is flagged for data residency")).toBeVisible();
  await page.getByTestId("part-input").getByLabel("path *").fill("/e2e/residency");
  await page.getByTestId("part-outputs.0").getByLabel("url *").fill("http://127.0.0.1:9/unused");
  await expect(page.getByTestId("live-validation")).toHaveText("Spec is valid.");
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page).toHaveURL(/\/flows\/[^/?]+\?saved=1/);
  await expect(page.getByTestId("residency-flag")).toContainText("Flagged for data residency");
  await expect(page.getByTestId("residency-flag")).toContainText(adr.match(/ADR-\d+/)?.[0] ?? "ADR-");

  // 3. Production is not deployed from the flow page: it takes a change request, and the flag is one
  // of the change's conflicts the CAB sees before it votes. Promotion goes dev → test → prod first.
  await expect(page.getByLabel("Environment").locator("option", { hasText: "Production" })).toHaveCount(0);
  for (const env of ["Development", "Test"]) {
    await page.getByLabel("Environment").selectOption({ label: env });
    await page.getByRole("button", { name: "Deploy", exact: true }).click();
    await expect(page.getByText("Deployed. The engine picks it up within seconds.")).toBeVisible();
    await page.reload();
  }
  await page.getByTestId("env-prod").getByRole("link", { name: "Request change" }).click();
  await expect(page).toHaveURL(/\/changes\/new\?/);
  await expect(page.getByLabel("Title")).toHaveValue(new RegExp(`Deploy ${name} v1 to prod`));
  await page.getByRole("button", { name: "Open change request" }).click();
  await expect(page).toHaveURL(/\/changes\/[^/?]+\?opened=1/);
  await expect(page.getByTestId("conflicts")).toContainText("Data residency");
  await expect(page.getByTestId("conflicts")).toContainText("personal data leaving the EU without a legal basis");

  // 4. The flows list finds it under "Flagged".
  await page.goto("/flows");
  await page.getByLabel("Residency", { exact: true }).selectOption({ label: "Flagged" });
  await expect(page.getByRole("link", { name })).toBeVisible();
});
