import { mkdtemp, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DemoSystems } from "../lib/engine/demo/systems";
import { signInAsRole, signOut } from "./support/auth";
import { switchboard } from "./support/cli";

// Journey: configuration as code reaches production only through the CAB. An engineer applies a flow
// to dev and test with the CLI, links the customer data it carries, and applies it to prod, which opens
// a change request instead of deploying. Two CAB members approve it in the portal, one of them the
// accountable data owner of that data; the engineer implements it and the engine runs it. A second
// version goes the same way, then the engineer rolls production back: the first version runs again
// and an emergency change with a restoration plan records it.
const GATEWAY = process.env.E2E_GATEWAY_URL ?? "http://127.0.0.1:4300";
const ENGINEER = "engineer@switchboard.local";

const target = new DemoSystems();
let targetUrl = "";
test.beforeAll(async () => {
  targetUrl = `http://127.0.0.1:${await target.listen(0)}`;
});
test.afterAll(() => target.close());

/** The flow as a config file: JSON is YAML. */
function flowFile(name: string, mapping: string) {
  const spec = {
    name,
    input: { use: "http", config: { path: `/e2e/${name}` } },
    steps: [{ id: "map", use: "transform_jsonata", config: { expression: mapping } }],
    outputs: [{ id: "crm", use: "http", config: { url: `${targetUrl}/target` } }],
    policy: { retry: { maxAttempts: 2, initialDelayMs: 50, maxDelayMs: 200, multiplier: 2 } },
  };
  return JSON.stringify({ name, spec }, null, 2);
}

async function apply(dir: string, env: string): Promise<string> {
  const r = await switchboard(["config", "apply", dir, "--env", env, "--as", ENGINEER]);
  expect(r.code, `config apply --env ${env}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

/** dev → test with the CLI, then prod, which opens a change; returns its id and number. */
async function promote(dir: string): Promise<{ id: string; number: string }> {
  await apply(dir, "dev");
  await apply(dir, "test");
  const out = await apply(dir, "prod");
  const m = out.match(/Opened change request CHG-(\d+) \(id ([^)\s]+)\)/);
  expect(m, out).not.toBeNull();
  expect(out).toContain("nothing was deployed to prod");
  return { number: m![1]!, id: m![2]! };
}

async function reloadUntil(page: Page, check: () => Promise<void>, timeout = 60_000): Promise<void> {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout, intervals: [1_000, 2_000, 3_000] });
}

async function vote(page: Page, changeId: string, comment: string): Promise<void> {
  await page.goto(`/changes/${changeId}`);
  await page.getByLabel("Comment").fill(comment);
  await page.getByRole("button", { name: "Approve" }).click();
  // The vote is listed and the form gives way to why this member votes no more.
  await expect(page.getByTestId("approvals")).toContainText(comment);
  await expect(page.getByTestId("vote-blocked")).toHaveText(/^(You have voted|The change is approved)\.$/);
}

/** Two CAB members approve: a CAB member first (the quorum then names the data owner), then the data owner. */
async function approveByCab(page: Page, changeId: string): Promise<void> {
  await signInAsRole(page, "cab_member");
  await vote(page, changeId, "Tested in test; rollback plan reviewed.");
  await expect(page.getByTestId("quorum-sentence")).toHaveText(
    "Needs 1 more approval, including the accountable data owner of Customer.",
  );
  await expect(page.getByTestId("change-status")).toHaveText("submitted");
  await signOut(page);
  await signInAsRole(page, "data_owner");
  await vote(page, changeId, "Customer data mapping checked against the contract.");
  await expect(page.getByTestId("approvals")).toContainText("(accountable data owner)");
  await expect(page.getByTestId("change-status")).toHaveText("approved");
  await expect(page.getByTestId("quorum-sentence")).toHaveText(/^Quorum met/);
  await signOut(page);
}

async function implementAndRun(page: Page, changeId: string, version: number): Promise<void> {
  await signInAsRole(page, "integration_engineer");
  await page.goto(`/changes/${changeId}`);
  await page.getByRole("button", { name: "Implement" }).click();
  await page
    .getByRole("dialog", { name: /^Implement CHG-/ })
    .getByRole("button", { name: "Implement" })
    .click();
  await reloadUntil(page, async () => {
    await expect(page.getByTestId("change-status")).toHaveText("implemented");
    await expect(page.getByTestId("change-deployments").getByTestId("deployment-state").first()).toHaveText("running");
  });
  await expect(page.getByTestId("change-deployments")).toContainText(`v${version}`);
}

async function send(request: APIRequestContext, flow: string, n: number, tag: string): Promise<void> {
  for (let i = 0; i < n; i++) {
    const r = await request.post(`${GATEWAY}/flows/${flow}/prod`, { data: { id: `${tag}-${i}` }, timeout: 30_000 });
    expect(r.status(), `gateway answered ${r.status()}`).toBeLessThan(300);
  }
}

test("an engineer's CLI apply to prod is approved by the CAB and the data owner, implemented, and rolled back", async ({
  page,
  request,
}) => {
  test.setTimeout(420_000);
  const name = `e2e-cab-${Date.now().toString(36)}`;
  const dir = await mkdtemp(path.join(tmpdir(), "sb-cab-"));
  await mkdir(path.join(dir, "flows"));
  const file = path.join(dir, "flows", `${name}.yaml`);

  // 0. The CAB's policy for this journey: two approvals at every level, the data owner's among them.
  await signInAsRole(page, "cab_member");
  await page.goto("/changes/settings");
  const policy = page.getByRole("form", { name: "Risk policy" });
  await policy.getByLabel("Low risk").fill("2");
  await policy.getByLabel("Data owner must approve from").selectOption("low");
  await policy.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByText("Policy saved.")).toBeVisible();
  await signOut(page);

  // 1. v1 through dev and test with the CLI; the engineer links the customer data it carries.
  await writeFile(file, flowFile(name, "{ 'id': id, 'v': 1 }"));
  await apply(dir, "dev");
  await apply(dir, "test");
  await signInAsRole(page, "integration_engineer");
  await page.goto(`/flows?q=${name}`);
  await page.getByRole("link", { name, exact: true }).click();
  await page.getByRole("button", { name: "Edit data domains" }).click();
  await page
    .getByRole("form", { name: "Data domains this flow carries" })
    .getByLabel(/^Customer/)
    .check();
  await page.getByRole("button", { name: "Save data domains" }).click();
  await expect(page.getByTestId("flow-data-domains")).toContainText("Customer");
  const flowUrl = page.url();
  // Production is not deployed from here any more: the page asks for a change.
  await expect(page.getByTestId("env-prod").getByRole("link", { name: "Request change" })).toBeVisible();
  await signOut(page);

  // 2. Applying to prod opens a change request and deploys nothing.
  const first = await promote(dir);
  await approveByCab(page, first.id);
  await implementAndRun(page, first.id, 1);
  await page.goto(flowUrl);
  await expect(page.getByTestId("actual-state-prod")).toHaveText("running");
  await expect(page.getByTestId("env-prod")).toContainText("Version v1");
  await signOut(page);

  // 3. v2 the same way.
  await writeFile(file, flowFile(name, "{ 'id': id, 'v': 2 }"));
  const second = await promote(dir);
  expect(Number(second.number)).toBeGreaterThan(Number(first.number));
  await approveByCab(page, second.id);
  await implementAndRun(page, second.id, 2);
  await send(request, name, 3, "v2");
  await expect.poll(() => target.counts.target.accepted, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);

  // 4. The engineer rolls production back to v1 from the change page.
  await page.getByRole("button", { name: "Roll back" }).click();
  const dialog = page.getByRole("dialog", { name: `Roll back ${name} in Production?` });
  await expect(dialog).toContainText("from v2 to v1");
  await dialog.getByLabel("Reason").fill("v2 maps the wrong version marker");
  await dialog.getByRole("button", { name: "Roll back to v1" }).click();
  await expect(page).toHaveURL(/\/changes\/[^/?]+\?rolledBack=1/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Rollback of ${name} v2 in prod`);
  await expect(page.getByTestId("change-header")).toContainText("emergency");
  await expect(page.getByText(`Rolls back CHG-${second.number}`)).toBeVisible();
  await expect(page.getByTestId("restoration-plan")).toBeVisible();
  // The plan lists the messages v2 handled (lineage may arrive a moment later; the page catches up).
  await reloadUntil(page, () => expect(page.getByTestId("restoration-step")).toHaveCount(3));
  await expect(page.getByTestId("restoration-progress")).toHaveText(/0 of 3 steps finished/);

  // The previous version runs again, and the rolled-back change says so.
  await page.goto(flowUrl);
  await reloadUntil(page, async () => {
    await expect(page.getByTestId("env-prod")).toContainText("Version v1");
    await expect(page.getByTestId("actual-state-prod")).toHaveText("running");
  });
  await page.goto(`/changes/${second.id}`);
  await expect(page.getByTestId("change-status")).toHaveText("rolled back");
});
