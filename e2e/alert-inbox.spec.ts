import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signInAsRole } from "./support/auth";

// Journey: bad messages make a seeded dev flow dead-letter past the engine's alert threshold (10 by
// default); an engineer finds the engine's alert in the inbox, acknowledges it and sees it under
// Acknowledged; more failures raise no second alert; the flows list shows the flow's health.
const GATEWAY = process.env.E2E_GATEWAY_URL ?? `http://127.0.0.1:${process.env.ENGINE_GATEWAY_PORT ?? 4000}`;
const FLOW = "demo-edi-856-shipments-to-erp";
const THRESHOLD = 10;

/** Posts messages the flow's X12 parser refuses: each is dead-lettered at once (a permanent failure). */
async function sendBad(request: APIRequestContext, count: number, tag: string): Promise<void> {
  for (let i = 0; i < count; i++) {
    // The engine may still be activating the seeded deployments: retry until the flow refuses the message.
    await expect(async () => {
      const r = await request.post(`${GATEWAY}/flows/${FLOW}/dev`, {
        headers: { "content-type": "application/edi-x12" },
        data: `not an interchange ${tag}-${i}`,
        timeout: 30_000,
      });
      expect(r.status(), `gateway answered ${r.status()}`).toBe(422);
    }).toPass({ timeout: 60_000, intervals: [500, 1_000, 2_000] });
  }
}

async function reloadUntil(page: Page, check: () => Promise<void>, timeout = 60_000): Promise<void> {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout, intervals: [1_000, 2_000, 3_000] });
}

test("an engineer acknowledges the engine's dead-letter alert and sees the flow's health", async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  await sendBad(request, THRESHOLD + 2, "first");
  await signInAsRole(page, "integration_engineer");

  // The flows page links to the inbox; the engine's alert is there, open.
  await page.goto("/flows");
  await page.getByRole("link", { name: /^Alerts/ }).click();
  await expect(page).toHaveURL(/\/flows\/alerts/);
  await expect(page.getByRole("link", { name: /^Open/ })).toHaveAttribute("aria-current", "page");
  const row = page.getByRole("row").filter({ hasText: `${FLOW} · dev` });
  await reloadUntil(page, () => expect(row).toHaveCount(1));
  await expect(row).toContainText("Dead letters growing");
  await expect(row).toContainText(/1\d dead letters waiting now \(threshold 10\)/);
  // While the channel is past the threshold, resolving by hand would only make the engine raise it again.
  await expect(row.getByRole("button", { name: "Resolve" })).toHaveCount(0);

  await row.getByRole("button", { name: "Acknowledge" }).click();
  await expect(page.getByText("1 alert acknowledged.")).toBeVisible();
  await expect(row).toHaveCount(0);

  await page.getByRole("link", { name: /^Acknowledged/ }).click();
  await expect(page.getByRole("link", { name: /^Acknowledged/ })).toHaveAttribute("aria-current", "page");
  const acked = page.getByRole("row").filter({ hasText: `${FLOW} · dev` });
  await expect(acked).toHaveCount(1);
  await expect(acked).toContainText("Acknowledged by engineer@switchboard.local");

  // More failures while it is acknowledged: the engine checks on each dead letter and on every
  // metrics flush (10 s), and raises no second alert for the same flow and environment.
  await sendBad(request, 3, "second");
  await page.waitForTimeout(12_000);
  await page.getByRole("link", { name: /^Open/ }).click();
  await expect(page.getByRole("link", { name: /^Open/ })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("row").filter({ hasText: `${FLOW} · dev` })).toHaveCount(0);

  // The flows list: every message of the last 24 hours failed, the hourly sparkline has data, and the
  // dead letters wait in dev.
  await page.goto(`/flows?q=${FLOW}`);
  const flowRow = page.getByRole("row").filter({ hasText: FLOW });
  await reloadUntil(page, async () => {
    await expect(flowRow.getByRole("cell", { name: /^dev\s*0%$/ })).toBeVisible();
    await expect(
      flowRow.getByRole("img", { name: new RegExp(`^${FLOW} messages per hour, last 24 hours: 24 points`) }),
    ).toBeVisible();
  });
  await expect(flowRow.getByRole("link", { name: /^1\d$/ })).toHaveAttribute(
    "href",
    /\/flows\/dlq\?f\.flow=.+&f\.environment=dev/,
  );
});
