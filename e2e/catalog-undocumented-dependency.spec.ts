import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { DemoSystems } from "../lib/engine/demo/systems";
import { signInAsRole } from "./support/auth";
import { switchboard } from "./support/cli";

// Journey: an engineer finds an undocumented dependency in the catalog and adds it to the inventory.
// A flow applied to dev with the CLI delivers to a target the engineer declares as Zendesk's endpoint
// on Zendesk's catalog entry; the demo EDI partner (Coupa, by the caller id the seed gives it) calls
// the flow through the gateway. The inventory has no Coupa → Zendesk interface, so once the engine has
// flushed what it observed, the catalog flags the path; "Add to inventory" creates the interface.
const GATEWAY = process.env.E2E_GATEWAY_URL ?? "http://127.0.0.1:4300";
const ENGINEER = "engineer@switchboard.local";
const COUPA_CALLER = "urn:switchboard:demo:edi";

const target = new DemoSystems();
let targetUrl = "";
test.beforeAll(async () => {
  targetUrl = `http://127.0.0.1:${await target.listen(0)}`;
});
test.afterAll(() => target.close());

async function reloadUntil(page: Page, check: () => Promise<void>, timeout = 90_000): Promise<void> {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout, intervals: [1_000, 2_000, 3_000] });
}

test("an engineer finds an undocumented dependency in the catalog and adds it to the inventory", async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  const name = `e2e-tickets-${Date.now().toString(36)}`;

  // The flow, as a pipeline would apply it: HTTP in, the journey's target out, deployed to dev.
  const dir = await mkdtemp(path.join(tmpdir(), "sb-catalog-"));
  await mkdir(path.join(dir, "flows"));
  const spec = {
    name,
    input: { use: "http", config: { path: `/e2e/${name}` } },
    steps: [{ id: "map", use: "transform_jsonata", config: { expression: "{ 'ticket': id }" } }],
    outputs: [{ id: "zendesk", use: "http", config: { url: `${targetUrl}/target` } }],
  };
  await writeFile(path.join(dir, "flows", `${name}.yaml`), JSON.stringify({ name, spec }, null, 2));
  const applied = await switchboard(["config", "apply", dir, "--env", "dev", "--as", ENGINEER]);
  expect(applied.code, applied.stderr).toBe(0);

  // 1. The engineer declares where Zendesk is reached, on its catalog entry.
  await signInAsRole(page, "integration_engineer");
  await page.goto("/catalog?q=Zendesk");
  await page.getByRole("link", { name: "Zendesk", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Zendesk");
  await page.getByLabel("Endpoints (URL prefixes, one a line)").fill(`${targetUrl}/target`);
  await page.getByRole("button", { name: "Save endpoints and callers" }).click();
  await expect(page.getByText("Endpoints and callers saved.")).toBeVisible();

  // 2. Coupa calls the flow (the engine picks the deployment up within seconds).
  await expect
    .poll(
      async () => {
        const r = await request.post(`${GATEWAY}/flows/${name}/dev`, {
          data: { id: "T-1" },
          headers: { "ce-source": COUPA_CALLER },
        });
        return r.status();
      },
      { timeout: 60_000, intervals: [1_000, 2_000] },
    )
    .toBeLessThan(300);
  for (let i = 2; i <= 5; i++)
    expect(
      (
        await request.post(`${GATEWAY}/flows/${name}/dev`, {
          data: { id: `T-${i}` },
          headers: { "ce-source": COUPA_CALLER },
        })
      ).status(),
    ).toBeLessThan(300);
  await expect.poll(() => target.counts.target.accepted, { timeout: 30_000 }).toBeGreaterThanOrEqual(5);

  // 3. The catalog flags the path once the engine has flushed what it observed.
  await page.goto("/catalog");
  const panel = page.getByRole("list", { name: "Reconciliation flags" });
  await reloadUntil(page, () =>
    expect(panel.getByRole("link", { name: /^1\s*Undocumented dependencies/ })).toBeVisible(),
  );
  await panel.getByRole("link", { name: /Undocumented dependencies/ }).click();
  await expect(page).toHaveURL(/\/catalog\/reconciliation#undocumented$/);
  const flags = page.getByRole("table", { name: "Undocumented dependencies" });
  const row = flags.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Coupa → Zendesk");
  await expect(row).toContainText("No interface between these systems");

  // 4. Add to inventory: the confirmation says what will be created.
  await row.getByRole("button", { name: `Add Coupa to Zendesk through ${name} to the inventory` }).click();
  const dialog = page.getByRole("dialog", { name: "Add this interface to the inventory?" });
  await expect(dialog).toContainText(`A new interface ${name} from Coupa to Zendesk`);
  await expect(dialog).toContainText("Mechanism: API");
  await dialog.getByRole("button", { name: "Add to inventory" }).click();
  await expect(page.getByText("Added to the inventory")).toBeVisible();
  await expect(
    page.getByText("Every observed path between two systems has its interface in the inventory."),
  ).toBeVisible();

  // 5. The interface is in the inventory, from Coupa to Zendesk, and the flow implements it.
  await page.getByRole("status").getByRole("link", { name, exact: true }).click();
  await expect(page).toHaveURL(/\/inventory\/interfaces\/[^/?]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByRole("main")).toContainText("Coupa");
  await expect(page.getByRole("main")).toContainText("Zendesk");
  await page.goto(`/catalog?q=${name}`);
  await page.getByRole("link", { name, exact: true }).click();
  const declared = page.getByRole("region", { name: "Declared dependencies" });
  await expect(declared).toContainText(`implements interface ${name}`);

  // 6. The impact graph lays the catalog out in its worker and highlights what depends on the flow.
  await page.getByRole("link", { name: "Show in graph" }).click();
  await expect(page.getByTestId("layout-status")).toContainText("Laid out", { timeout: 60_000 });
  await expect(page.getByRole("complementary", { name: "Impact of the selection" })).toContainText(name);
  const dependents = page.getByRole("list", { name: "Dependents, nearest first" });
  await expect(dependents).toContainText("Zendesk");
  await expect(dependents).toContainText("Coupa");
});
