import { expect, test } from "@playwright/test";
import { signInAsRole } from "./support/auth";

// Journey: an engineer deprecates a flow that production still uses. The flow page leads to the
// deprecation, which lists the consumers and who will be told; a brownout longer than a day is refused
// at its field; the retirement's page draws the cutover timeline; retiring is refused because the flow
// handled traffic yesterday (the seed's production history), naming until when. The engineer removes
// the brownout and cancels, which leaves the flow as it was for the other journeys.
const FLOW = "demo-crm-customers-to-erp";
const DAY = 86_400_000;
const inDays = (days: number, time: string) =>
  `${new Date(Date.now() + days * DAY).toISOString().slice(0, 10)}T${time}`;

test("deprecating a flow lists its consumers, draws the cutover and refuses retirement while it has traffic", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInAsRole(page, "integration_engineer");
  await page.goto(`/flows?q=${FLOW}`);
  await page.getByRole("link", { name: FLOW, exact: true }).click();
  await page.getByRole("link", { name: "Deprecate", exact: true }).click();
  await expect(page).toHaveURL(/\/catalog\/retirements\/new\?kind=flow&id=/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Deprecate ${FLOW}`);
  await expect(page.getByTestId("consumer-row").first()).toBeVisible();
  await expect(page.getByRole("list", { name: "Recipients" }).getByRole("listitem").first()).toBeVisible();

  await page.getByLabel("Reason").fill("Replaced by the order events stream");
  await page.getByLabel("Replacement").fill("demo-order-events");
  await page.getByRole("button", { name: "Add a brownout window" }).click();
  await page.getByLabel("Window 1 starts").fill(inDays(7, "10:00"));
  await page.getByLabel("Window 1 ends").fill(inDays(8, "16:00"));
  await page.getByRole("button", { name: "Deprecate", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Deprecate" }).click();
  await expect(page.getByTestId("deprecate-error")).toContainText("Some fields need fixing");
  await expect(page.getByText("A brownout lasts at most 24 hours.")).toBeVisible();

  await page.getByLabel("Window 1 ends").fill(inDays(7, "11:00"));
  await page.getByRole("button", { name: "Deprecate", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Deprecate" }).click();
  await expect(page).toHaveURL(/\/catalog\/retirements\/(?!new)[^/?]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(FLOW);
  await expect(page.getByTestId("cutover-timeline")).toBeVisible();
  const events = page.getByRole("list", { name: "Timeline events" });
  await expect(events.getByRole("listitem")).toHaveCount(3);
  await expect(events).toContainText("Deprecated");
  await expect(events).toContainText("Brownout 1");
  await expect(events).toContainText("Sunset");

  // Production handled traffic yesterday: the page says so before anyone clicks, and the server refuses.
  await expect(page.getByTestId("retire-refusal")).toContainText(`Retiring flow "${FLOW}" is refused`);
  await page.getByRole("button", { name: "Retire", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Retire" }).click();
  await expect(dialog).toContainText("Retirement needs 30 days without traffic, so it is refused until");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("retire-error")).toContainText("or retire it now with a waiver");

  await page.getByRole("button", { name: /^Remove brownout/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove brownout" }).click();
  await expect(page.getByText("No brownout windows.")).toBeVisible();

  await page.getByRole("button", { name: "Cancel retirement" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel retirement" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The retirement was cancelled" })).toBeVisible();

  await page.goto("/catalog/retirements?f.status=cancelled");
  await expect(page.getByRole("link", { name: FLOW, exact: true })).toBeVisible();
});
