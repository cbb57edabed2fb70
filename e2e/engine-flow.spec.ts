import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DemoSystems } from "../lib/engine/demo/systems";
import { signInAsRole } from "./support/auth";

// Journey: an engineer creates a flow from the generated form, deploys it, sends traffic through the
// engine gateway, sees the metrics, breaks the target, watches messages land in the DLQ, fixes the
// target and replays them. Needs the engine running next to the web (the e2e server starts it); the
// demo target runs inside this test process.
const GATEWAY = process.env.E2E_GATEWAY_URL ?? `http://127.0.0.1:${process.env.ENGINE_GATEWAY_PORT ?? 4000}`;

const target = new DemoSystems();
let targetUrl = "";

test.beforeAll(async () => {
  targetUrl = `http://127.0.0.1:${await target.listen(0)}`;
});
test.afterAll(() => target.close());

async function send(request: APIRequestContext, flow: string, count: number, tag: string): Promise<void> {
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      request
        .post(`${GATEWAY}/flows/${flow}/dev`, { data: { orderId: `${tag}-${i}`, amount: 10 + i }, timeout: 30_000 })
        .then((r) => expect(r.status(), `gateway answered ${r.status()}`).toBeLessThan(600)),
    ),
  );
}

async function reloadUntil(page: Page, check: () => Promise<void>, timeout = 60_000): Promise<void> {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout, intervals: [1_000, 2_000, 3_000] });
}

test("an engineer builds, deploys, breaks and recovers a flow", async ({ page, request }) => {
  test.setTimeout(240_000);
  const name = `e2e-orders-${Date.now().toString(36)}`;
  await signInAsRole(page, "integration_engineer");

  // 1. Create the flow from the generated form.
  await page.goto("/flows/new");
  await page.getByLabel("Flow name").fill(name);
  await page.getByTestId("part-input").getByLabel("path *").fill("/e2e/orders");
  await page.getByLabel("Add step: component").selectOption("transform_jsonata");
  await page.getByRole("button", { name: "Add step" }).click();
  await page.getByTestId("part-steps.0").getByLabel("expression *").fill("{ 'id': orderId, 'amount': amount }");
  await page.getByTestId("part-outputs.0").getByLabel("url *").fill("not a url");
  await expect(page.getByTestId("live-validation")).toHaveText(/need fixing/);
  await page.getByTestId("part-outputs.0").getByLabel("url *").fill(`${targetUrl}/target`);
  await page.getByLabel("maxAttempts").fill("2");
  await page.getByLabel("initialDelayMs").fill("50");
  // A short half-open delay so the target's circuit breaker lets the replay through soon after the fix.
  await page.getByLabel("halfOpenAfterMs").fill("100");
  await expect(page.getByTestId("live-validation")).toHaveText("Spec is valid.");
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page).toHaveURL(/\/flows\/[^/?]+\?saved=1/);
  await expect(page.getByText("Saved version 1.")).toBeVisible();
  const flowUrl = new URL(page.url()).pathname;
  const flowId = flowUrl.split("/").pop()!;

  // 2. Deploy v1 to dev and wait until the engine reports it running.
  await page.getByLabel("Environment").selectOption({ label: "Development" });
  await page.getByRole("button", { name: "Deploy" }).click();
  await expect(page.getByText("Deployed.")).toBeVisible();
  await reloadUntil(page, () => expect(page.getByTestId("actual-state-dev")).toHaveText("running"));

  // Deploying over a live deployment asks first; cancelling changes nothing.
  await page.getByLabel("Environment").selectOption({ label: "Development" });
  await page.getByRole("button", { name: "Deploy" }).click();
  const confirm = page.getByRole("dialog", { name: "Replace the live deployment?" });
  await expect(confirm).toContainText("v1 is deployed in Development");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId("actual-state-dev")).toHaveText("running");

  // 3. Traffic through the gateway reaches the target and shows up in the metrics.
  await send(request, name, 5, "ok");
  await expect.poll(() => target.counts.target.accepted, { timeout: 30_000 }).toBe(5);
  await reloadUntil(
    page,
    async () => {
      await expect(page.getByText("Messages (window)").locator("..")).toContainText("5");
      await expect(
        page.getByRole("region", { name: "Metrics" }).getByRole("table", { name: "Throughput" }),
      ).toBeAttached();
    },
    90_000,
  );

  // 4. Break the target: messages exhaust their retries and land in the DLQ.
  target.outage.target = true;
  await send(request, name, 3, "broken");
  await page.goto(`/flows/dlq?f.flow=${flowId}`);
  await reloadUntil(page, () => expect(page.getByRole("checkbox", { name: /Select message/ })).toHaveCount(3));
  await expect(page.getByText(/answered 503/).first()).toBeVisible();

  // 5. Fix the target; replay one selected message, then every other one matching the filter (the
  // bulk action counts them first and says how many in its confirmation).
  target.outage.target = false;
  await page.waitForTimeout(500);
  await page
    .getByRole("checkbox", { name: /Select message/ })
    .first()
    .check();
  await page.getByRole("button", { name: "Replay selected (1)" }).click();
  await expect(page.getByText("1 message queued for replay.")).toBeVisible();
  await reloadUntil(page, () => expect(page.getByRole("checkbox", { name: /Select message/ })).toHaveCount(2));
  await page.getByRole("button", { name: "Replay all matching…" }).click();
  const bulk = page.getByRole("dialog", { name: `Replay 2 dead letters matching flow ${name}?` });
  await bulk.getByRole("button", { name: "Replay 2 dead letters" }).click();
  await expect(page.getByTestId("bulk-result")).toHaveText(/^2 of 2 dead letters queued for replay\./);
  await expect.poll(() => target.counts.target.accepted, { timeout: 60_000 }).toBe(8);
  await page.goto(`/flows/dlq?f.flow=${flowId}&f.status=replayed`);
  await reloadUntil(page, () => expect(page.getByRole("cell", { name: "replayed", exact: true })).toHaveCount(3));
});
