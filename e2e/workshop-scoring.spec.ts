import { expect, test, type Page } from "@playwright/test";
import { signInAsRole } from "./support/auth";

// Journey: a facilitator opens a scoring session; two participants in two separate browser
// contexts score the candidates blind; the facilitator watches the live aggregate update, locks
// the session, and the matrix and the waves show the locked result.
const PREREQUISITE = "Price list distribution";
const DEPENDENT = "Quote-to-order automation";
const CRITERIA = ["Business impact", "Integration complexity", "Regulatory exposure", "ROI", "Readiness"];

async function score(page: Page, candidate: string, values: number[]): Promise<void> {
  for (const [i, criterion] of CRITERIA.entries()) {
    await page.getByLabel(`${candidate}: ${criterion}`).selectOption(String(values[i]));
  }
  await page.getByRole("button", { name: `Save scores for ${candidate}` }).click();
  await expect(page.getByTestId(`score-${candidate}`).getByText(/Saved 5 score\(s\)/)).toBeVisible();
}

test("two participants score in parallel; the facilitator locks and the matrix and waves follow", async ({
  page,
  browser,
}) => {
  const title = `E2E scoring ${Date.now()}`;

  // Facilitator opens the session.
  await signInAsRole(page, "facilitator");
  await page.goto("/workshops/new");
  await page.getByLabel("Session title").fill(title);
  await page.getByLabel(PREREQUISITE).check();
  await page.getByLabel(DEPENDENT).check();
  await page.getByLabel("Omar Owner").check();
  await page.getByLabel("Iris Engineer").check();
  await page.getByRole("button", { name: "Open session" }).click();
  await expect(page).toHaveURL(/\/workshops\/[^/]+\/live$/);
  const sessionUrl = page.url().replace(/\/live$/, "");
  await expect(page.getByTestId("score-count")).toHaveText("0 score(s) received");

  // Two participants, each in their own browser context (separate cookies and sessions).
  const ownerContext = await browser.newContext();
  const engineerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  const engineer = await engineerContext.newPage();
  await signInAsRole(owner, "data_owner");
  await signInAsRole(engineer, "integration_engineer");
  await owner.goto(sessionUrl);
  await engineer.goto(sessionUrl);

  await score(owner, DEPENDENT, [5, 2, 3, 5, 4]);
  // The facilitator's live view picks the first scores up without a reload.
  await expect(page.getByTestId(`agg-${DEPENDENT}`).getByTestId("weighted-score")).not.toHaveText("—");
  await expect(page.getByTestId("participant-Omar Owner")).toHaveText("Omar Owner: 5/10");

  // Blind scoring: the engineer does not see the owner's choices.
  await expect(engineer.getByLabel(`${DEPENDENT}: Business impact`)).toHaveValue("");
  await score(engineer, DEPENDENT, [1, 4, 3, 2, 2]);
  await score(engineer, PREREQUISITE, [3, 2, 2, 3, 4]);
  await score(owner, PREREQUISITE, [4, 2, 2, 3, 4]);
  // A duplicate submission replaces, never adds.
  await owner.getByRole("button", { name: `Save scores for ${PREREQUISITE}` }).click();

  await expect(page.getByTestId("score-count")).toHaveText("20 score(s) received");
  await expect(page.getByTestId("participant-Iris Engineer")).toHaveText("Iris Engineer: 10/10");
  const dependentRow = page.getByTestId(`agg-${DEPENDENT}`);
  await expect(dependentRow.getByText("Disagreement")).toBeVisible();
  await expect(dependentRow).toContainText("1–5");
  await expect(page.getByTestId(`agg-${PREREQUISITE}`).getByText("Disagreement")).toHaveCount(0);

  // Lock: a dated snapshot.
  await page.getByRole("button", { name: "Lock session" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Lock session" }).click();
  await expect(page.getByText(/Locked on/)).toBeVisible();

  // A late submission is refused with a clear message.
  await engineer.getByLabel(`${PREREQUISITE}: Business impact`).selectOption("5");
  await engineer.getByRole("button", { name: `Save scores for ${PREREQUISITE}` }).click();
  await expect(engineer.getByTestId(`score-${PREREQUISITE}`)).toContainText("This session was locked");

  // The matrix plots the locked result…
  await page.goto("/matrix");
  await expect(page.getByText(`from the workshop "${title}"`)).toBeVisible();
  const matrix = page.getByTestId("matrix-table");
  await expect(matrix.getByRole("row", { name: new RegExp(DEPENDENT) })).toContainText("3"); // impact mean (5 + 1) / 2
  await expect(matrix.getByRole("row", { name: new RegExp(PREREQUISITE) })).toContainText("Quick wins");

  // …and the waves put the dependent candidate after its prerequisite.
  await page.goto("/matrix/waves");
  await expect(page.getByText(`from the workshop "${title}"`)).toBeVisible();
  const waveNumber = async (name: string) => {
    const wave = page.locator('[data-testid^="wave-"]').filter({ hasText: name });
    await expect(wave).toHaveCount(1);
    return Number((await wave.getAttribute("data-testid"))!.replace("wave-", ""));
  };
  expect(await waveNumber(DEPENDENT)).toBeGreaterThan(await waveNumber(PREREQUISITE));

  await ownerContext.close();
  await engineerContext.close();
});
