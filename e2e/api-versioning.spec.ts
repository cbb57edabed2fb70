import { expect, test, type Page } from "@playwright/test";
import { DemoSystems } from "../lib/engine/demo/systems";
import { signInAsRole } from "./support/auth";

// Journey: an API owner (integration engineer) creates the Parcels API and publishes v1 to dev, fixes
// an invalid upload at the line the portal points to, uploads a breaking v1.1 and sees it blocked with
// each reason at its place in both documents, publishes the change as v2, deprecates v1 with v2 as
// its successor, and sees the supplier portal, which still calls v1 through the API gateway with its
// key, listed as a consumer still on v1.
const API_GATEWAY = process.env.E2E_API_GATEWAY_URL ?? "http://127.0.0.1:4310";

const target = new DemoSystems();
let backendUrl = "";
test.beforeAll(async () => {
  backendUrl = `http://127.0.0.1:${await target.listen(0)}/erp`;
});
test.afterAll(() => target.close());

const KEY = `parcels${Date.now().toString(36).slice(-5)}`;
const NAME = `Parcels ${KEY.slice(-5)}`;

/** The contract: v1.1 makes `limit` required (breaking), v2 does the same under a new major. */
function contract(version: string, isLimitRequired: boolean): string {
  return `openapi: 3.1.0
info:
  title: Parcels API
  version: "${version}"
paths:
  /stock-changes:
    get:
      operationId: listStockChanges
      tags: [Stock]
      summary: Stock changes after a cursor
      parameters:
        - name: after
          in: query
          schema:
            type: integer
        - name: limit
          in: query
          required: ${isLimitRequired}
          schema:
            type: integer
      responses:
        "200":
          description: A page of stock changes
`;
}

async function saveRevision(page: Page, source: string): Promise<void> {
  await page.getByLabel("OpenAPI document (JSON or YAML)").fill(source);
  await page.getByLabel("Upstream base URL").fill(backendUrl);
  await page.getByRole("button", { name: "Save revision" }).click();
}

test("an API owner publishes v1, is blocked on a breaking v1.1, publishes v2 and deprecates v1 while a consumer still calls it", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  await signInAsRole(page, "integration_engineer");

  await page.goto("/apis");
  await page.getByRole("link", { name: "New API" }).first().click();
  await page.getByLabel("Key").fill(KEY);
  await page.getByLabel("Name").fill(NAME);
  await page.getByRole("button", { name: "Create API" }).click();
  await expect(page).toHaveURL(new RegExp(`/apis/${KEY}$`));
  await page.getByRole("link", { name: "Add v1" }).click();

  // An invalid document comes back with the problem at its line, beside that line of the text.
  await saveRevision(
    page,
    contract("1.0.0", false).replace(
      "in: query\n          schema:\n            type: integer\n        - name: limit",
      "in: querystring\n          schema:\n            type: integer\n        - name: limit",
    ),
  );
  const problems = page.getByTestId("revision-problems");
  await expect(problems).toContainText(/Line 13 \(\/paths\/~1stock-changes\/get\/parameters\/0/);
  await expect(problems).toContainText("in: querystring");

  await saveRevision(page, contract("1.0.0", false));
  await expect(page).toHaveURL(new RegExp(`/apis/${KEY}/v1/revisions/1$`));
  await page.getByRole("button", { name: "Publish to dev" }).click();
  await expect(page.getByText("Revision 1 is published to Development")).toBeVisible();

  // v1.1 makes a parameter required: blocked, with the rule and both places.
  await page.goto(`/apis/${KEY}/v1`);
  await expect(page.getByTestId("version-lifecycle")).toHaveText("Published");
  await page.getByRole("link", { name: "New revision" }).click();
  await saveRevision(page, contract("1.1.0", true));
  await expect(page).toHaveURL(new RegExp(`/apis/${KEY}/v1/revisions/2$`));
  await expect(page.getByText("Publishing is blocked")).toBeVisible();
  const breaking = page.getByRole("list", { name: "Breaking changes" }).getByTestId("api-change").first();
  await expect(breaking).toContainText("breaking");
  await expect(breaking).toContainText("request-parameter-became-required");
  await expect(breaking).toContainText(/Base: \/paths\/~1stock-changes\/get\/parameters\/1.* · line \d+/);
  await expect(breaking).toContainText(/This revision: \/paths\/~1stock-changes\/get\/parameters\/1.* · line \d+/);
  await expect(breaking).toContainText("- name: limit");
  await expect(page.getByRole("button", { name: "Publish to dev" })).toBeDisabled();

  // The same change as v2, a new major: allowed.
  await page.goto(`/apis/${KEY}`);
  await page.getByRole("link", { name: "New major version (v2)" }).click();
  await saveRevision(page, contract("2.0.0", true));
  await expect(page).toHaveURL(new RegExp(`/apis/${KEY}/v2/revisions/1$`));
  await page.getByRole("button", { name: "Publish to dev" }).click();
  await expect(page.getByText("Revision 1 is published to Development")).toBeVisible();

  // The supplier portal gets a dev key for v1 and calls it through the API gateway.
  await page.goto("/apis/consumers");
  await page.getByRole("link", { name: "Supplier portal" }).click();
  await page.getByRole("button", { name: "Issue key" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Environment").selectOption("dev");
  await dialog.getByLabel(new RegExp(`${NAME} v1\\b`)).check();
  await dialog.getByLabel("Label").fill("v1 journey");
  await dialog.getByRole("button", { name: "Issue key" }).click();
  const secret = await dialog.getByLabel("API key").inputValue();
  expect(secret).toMatch(/^sb_dev_/);
  await dialog.getByRole("button", { name: "I have copied it, close" }).click();

  const call = () =>
    request.get(`${API_GATEWAY}/${KEY}/v1/stock-changes?after=0`, { headers: { "X-API-Key": secret } });
  await expect.poll(async () => (await call()).status(), { timeout: 20_000 }).toBe(200);

  // Deprecate v1 with v2 as its successor; v1's answers say so.
  await page.goto(`/apis/${KEY}/v1`);
  await page.getByLabel("Successor").selectOption({ label: "v2" });
  await page.getByRole("button", { name: "Deprecate v1" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Deprecate" }).click();
  await expect(page.getByTestId("version-lifecycle")).toHaveText("Deprecated");
  await expect.poll(async () => (await call()).headers()["deprecation"] ?? "", { timeout: 20_000 }).toMatch(/^@\d+$/);

  // The analytics show the supplier portal still on v1.
  await expect
    .poll(
      async () => {
        await page.reload();
        return page
          .getByTestId("version-analytics")
          .getByTestId("still-calling-consumer")
          .filter({ hasText: "Supplier portal" })
          .count();
      },
      { timeout: 30_000, intervals: [1_000, 2_000] },
    )
    .toBe(1);
});
