import { expect, test } from "@playwright/test";
import { signInAsRole, signOut } from "./support/auth";

// Journey: a change to production waits for the CAB. A CAB member's home lists it with its risk level
// and the factors behind the score (and the seeded change waiting for the board); the admin who
// requested a change cannot approve it: separation of duties.
const FLOW = "demo-erp-po-to-edi-850";

test("a CAB member's home shows what waits for a vote, and a requester cannot approve their own change", async ({
  page,
}) => {
  test.setTimeout(120_000);
  // 1. The admin (who may both request and approve) asks for a production change from the flow page.
  await signInAsRole(page, "admin");
  await page.goto(`/flows?q=${FLOW}`);
  await page.getByRole("link", { name: FLOW, exact: true }).click();
  await page.getByTestId("env-prod").getByRole("link", { name: "Request change" }).click();
  await expect(page).toHaveURL(/\/changes\/new\?/);
  const title = `E2E: ${FLOW} to production ${Date.now().toString(36)}`;
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Open change request" }).click();
  await expect(page).toHaveURL(/\/changes\/[^/?]+\?opened=1/);
  const heading = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";
  const number = heading.match(/CHG-(\d+)/)?.[1];
  expect(number, heading).toBeTruthy();

  // 2. Approving one's own change is refused with the separation-of-duties rule.
  await expect(page.getByTestId("vote-blocked")).toHaveText("You requested this change (separation of duties).");
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId("decision-error")).toContainText(
    `Separation of duties: you requested CHG-${number}, so you cannot approve or reject it`,
  );
  await page.reload();
  await expect(page.getByTestId("change-status")).toHaveText("submitted");
  await signOut(page);

  // 3. The CAB member's home lists it, with its risk badge and top risk factors, and the seeded one.
  await signInAsRole(page, "cab_member");
  await page.goto("/changes");
  const waiting = page.getByTestId("awaiting-my-vote");
  const card = waiting.getByTestId(`change-card-${number}`);
  await expect(card).toContainText(title);
  await expect(card.getByTestId("risk-badge")).toHaveText(/(low|medium|high) risk · \d+/);
  await expect(card.getByTestId("risk-factors").getByRole("listitem")).toHaveCount(3);
  await expect(card.getByTestId("risk-factors")).toContainText(/Blast radius|Data classification|Size of the change/);
  await expect(waiting).toContainText("Go live: demo-erp-orders-to-crm in production");

  // 4. The change page shows every factor with its evidence.
  await card.getByRole("link", { name: `CHG-${number}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`CHG-${number}: ${title}`);
  for (const key of ["blastRadius", "dataClassification", "health", "diffSize", "changeFailures"])
    await expect(page.getByTestId(`risk-factor-${key}`)).toBeVisible();
  await expect(page.getByTestId("risk-factor-dataClassification")).toContainText("confidential");
  await expect(page.getByRole("form", { name: `Vote on CHG-${number}` })).toBeVisible();
});
