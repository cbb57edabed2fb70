import { expect, test } from "@playwright/test";
import { signInAsRole } from "./support/auth";

// Journey: an integration engineer puts an API in dev (its upstream is the portal's own public error
// catalog, so no other service is needed), creates a plan and a consumer, issues a key and sees its
// secret once, calls the API gateway with it (200), revokes it after confirming, and the gateway then
// refuses it (401, problem+json with the catalog's type). Names carry a stamp: the journey can rerun.
const stamp = Date.now().toString(36);
const PRODUCT = `keys-${stamp}`;
const PLAN = `Journey ${stamp}`;
const CONSUMER = `Partner app ${stamp}`;
const PORT = process.env.E2E_PORT ?? "3100";
const GATEWAY = process.env.E2E_API_GATEWAY_URL!;

const OPENAPI = `openapi: 3.0.3
info:
  title: Keys journey
  version: 1.0.0
paths:
  /catalog.json:
    get:
      operationId: getCatalog
      responses:
        "200":
          description: The error catalog
`;

test("an engineer issues an API key, sees it once, calls the gateway with it and revokes it", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  await signInAsRole(page, "integration_engineer");

  // An API version served in dev.
  await page.goto("/apis/new");
  await page.getByLabel("Key").fill(PRODUCT);
  await page.getByLabel("Name").fill(`Keys ${stamp}`);
  await page.getByRole("button", { name: "Create API" }).click();
  await expect(page).toHaveURL(new RegExp(`/apis/${PRODUCT}$`));
  await page.goto(`/apis/${PRODUCT}/revisions/new?major=1`);
  await page.getByLabel("OpenAPI document (JSON or YAML)").fill(OPENAPI);
  await page.getByLabel("Backend").selectOption("http");
  await page.getByLabel("Upstream base URL").fill(`http://127.0.0.1:${PORT}/errors`);
  await page.getByRole("button", { name: "Save revision" }).click();
  await expect(page).toHaveURL(new RegExp(`/apis/${PRODUCT}/v1/revisions/1$`));
  await page.getByRole("button", { name: "Publish to dev" }).click();
  await expect(page.getByText("Serving this revision")).toBeVisible();

  // A plan, described in words.
  await page.goto("/apis/plans/new");
  await page.getByLabel("Name").fill(PLAN);
  await page.getByLabel("Key").fill(`journey-${stamp}`);
  await page.getByLabel("Requests per second").fill("50");
  await page.getByLabel("Burst").fill("10");
  await page.getByLabel("Per day").fill("10000");
  await page.getByRole("button", { name: "Create plan" }).click();
  await expect(page.getByText("The burst must hold at least one second of the rate")).toBeVisible();
  await page.getByLabel("Burst").fill("100");
  await page.getByRole("button", { name: "Create plan" }).click();
  await expect(page).toHaveURL(/\/apis\/plans\?saved=/);
  await expect(page.getByRole("row", { name: new RegExp(PLAN) })).toContainText(
    "50 req/s, bursts of 100; 10,000 per day",
  );

  // A consumer on it.
  await page.goto("/apis/consumers/new");
  await page.getByLabel("Name").fill(CONSUMER);
  await page.getByLabel("Key").fill(`partner-${stamp}`);
  await page.getByLabel("Contact email").fill("api@partner.example");
  await page.getByLabel("Plan").selectOption({ label: `${PLAN} (50 req/s, bursts of 100; 10,000 per day)` });
  await page.getByLabel("Latency tolerance (ms)").fill("1500");
  await page.getByRole("button", { name: "Create consumer" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(CONSUMER);
  await expect(page.getByText("Consumer saved.")).toBeVisible();
  await expect(page.getByText("No keys yet")).toBeVisible();

  // Issue a key: the secret is shown once.
  await page.getByRole("button", { name: "Issue key" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Environment").selectOption("dev");
  await dialog.getByRole("button", { name: "Issue key" }).click();
  await expect(dialog.getByText("Choose at least one API version the key may call.")).toBeVisible();
  await dialog.getByLabel(`Keys ${stamp} v1`).check();
  await dialog.getByLabel("Label").fill("journey");
  await dialog.getByRole("button", { name: "Issue key" }).click();
  await expect(dialog.getByText("Copy the key now: you will not see it again.")).toBeVisible();
  const secret = await dialog.getByLabel("API key").inputValue();
  expect(secret).toMatch(/^sb_dev_[0-9A-Za-z]{40}$/);
  const prefix = secret.slice(0, "sb_dev_".length + 8);
  await expect(dialog.getByRole("button", { name: "Copy key" })).toBeVisible();
  await dialog.getByRole("button", { name: "I have copied it, close" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole("row", { name: new RegExp(prefix) });
  await expect(row).toContainText("Active");
  await expect(row).toContainText(`Keys ${stamp} v1`);
  // Only the prefix is on the page from now on, also after a reload.
  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(prefix) })).toBeVisible();
  expect(await page.content()).not.toContain(secret);

  // The gateway reloads on the change's notice and admits the key.
  const call = () => request.get(`${GATEWAY}/${PRODUCT}/v1/catalog.json`, { headers: { "X-API-Key": secret } });
  await expect.poll(async () => (await call()).status(), { timeout: 30_000 }).toBe(200);
  const anonymous = await request.get(`${GATEWAY}/${PRODUCT}/v1/catalog.json`);
  expect(anonymous.status()).toBe(401);

  // Revoke, after confirming.
  await page.getByRole("button", { name: `Revoke ${prefix}` }).click();
  const confirm = page.getByRole("dialog", { name: `Revoke key ${prefix}…?` });
  await expect(confirm).toContainText("This cannot be undone");
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("row", { name: new RegExp(prefix) })).toContainText("Revoked");
  await expect(page.getByRole("button", { name: `Revoke ${prefix}` })).toHaveCount(0);

  await expect.poll(async () => (await call()).status(), { timeout: 30_000 }).toBe(401);
  const refused = await call();
  expect(refused.headers()["content-type"]).toContain("application/problem+json");
  expect(await refused.json()).toMatchObject({ code: "API_KEY_INVALID", status: 401 });
});
