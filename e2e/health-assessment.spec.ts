import { expect, test } from "@playwright/test";
import { signInAsRole } from "./support/auth";

// Journey: the data owner (owner@switchboard.local) finds the health assessment the seed made due for
// their demo flow on the home page, reads its signals, answers the questionnaire, adds an action item
// with the keyboard, completes it, and sees the score (with the previous quarter's beside it) and the
// action item, which they then mark done.
const ITEM = "Alert on the CRM's error rate above 2%";

test("an owner completes a due health assessment and sees its score and action item", async ({ page }) => {
  await signInAsRole(page, "data_owner");

  // Soonest due first: the seeded assessment opened before the engine's job opened any other.
  const panel = page.getByTestId("my-due-assessments");
  await expect(panel).toBeVisible();
  const first = panel.getByRole("link").first();
  const flowName = (await first.textContent())!.trim();
  await first.click();

  await expect(page.getByRole("heading", { name: `Health assessment: ${flowName}` })).toBeVisible();
  const signals = page.getByTestId("signals");
  await expect(signals.getByTestId("signal-errorRate")).toContainText("Error rate");
  await expect(signals.getByTestId("signal-changeFailures")).toContainText("Change failures");
  const previous = (await page.getByTestId("previous-score").textContent())!.trim();
  expect(previous).toMatch(/^\d+$/);

  const form = page.getByRole("form", { name: "Health questionnaire" });
  await form.getByRole("radio", { name: /^3 · noticeable/ }).check();
  await form.getByLabel("Known bottlenecks").fill("The CRM's rate limit throttles the evening burst.");
  await form.getByLabel("Optimization ideas").fill("Batch the CRM calls; alert earlier.");

  // The new item's title takes the focus, so the keyboard carries on there.
  await form.getByRole("button", { name: "Add action item" }).click();
  await expect(form.getByLabel("What")).toBeFocused();
  await page.keyboard.type(ITEM);
  await page.keyboard.press("Tab");
  await expect(form.getByLabel("Owner")).toBeFocused();
  await form.getByLabel("Owner").selectOption({ label: "Omar Owner" });
  await expect(form.getByLabel("Due", { exact: true })).not.toHaveValue("");

  await form.getByRole("button", { name: "Complete assessment" }).click();

  // Completed: the score, how it came about, the previous one, and the action item.
  await expect(page.getByTestId("assessment-score")).toHaveText(/^\d+/);
  await expect(page.getByTestId("score-breakdown")).toContainText("technical debt 8");
  await expect(page.getByTestId("previous-score")).toHaveText(previous);
  // The trend holds the previous quarter's score and this one (header row + two).
  await expect(page.getByRole("figure", { name: /Score trend/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Score trend" }).getByRole("row")).toHaveCount(3);
  const items = page.getByTestId("action-items");
  await expect(items).toContainText(ITEM);
  await expect(items).toContainText("Omar Owner");
  await expect(page.getByRole("form", { name: "Health questionnaire" })).toHaveCount(0);

  // The owner of the item closes it.
  await items.getByRole("button", { name: `Mark done: ${ITEM}` }).click();
  await expect(items.getByRole("button", { name: `Reopen: ${ITEM}` })).toBeVisible();
  await expect(items).toContainText("done");

  // Listed among the completed assessments with its score.
  await page.goto(`/catalog/health?view=completed&q=${encodeURIComponent(flowName)}`);
  await expect(page.getByRole("link", { name: flowName }).first()).toBeVisible();
});
