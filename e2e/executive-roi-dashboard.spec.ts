import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { extractText, getDocumentProxy } from "unpdf";
import { DEMO_PASSWORD } from "../prisma/seed/demo-accounts";
import { signInAs } from "./support/auth";

// Journey: an executive signs in and lands on the portfolio ROI dashboard, where the seeded production
// history of the demo flow shows realized savings next to the workshop's estimate, each figure with its
// formula on focus. They export the PDF: it is a real PDF whose text holds the figures the page shows.
// The PNG export is a real PNG.
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const LIVE_INITIATIVE = "Customer master synchronisation";

test("an executive lands on the ROI dashboard and exports it as a PDF with the portfolio figures", async ({ page }) => {
  await signInAs(page, "exec@switchboard.local", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/portfolio$/);
  await expect(page.getByRole("heading", { name: "Portfolio ROI", level: 1 })).toBeVisible();

  const figure = async (id: string) => (await page.getByTestId(id).innerText()).trim();
  const shown = {
    estimated: await figure("kpi-estimated"),
    realized: await figure("kpi-realized"),
    runRate: await figure("kpi-run-rate"),
    payback: await figure("kpi-payback"),
    cfr: await figure("kpi-cfr"),
  };
  expect(shown.realized).toMatch(/^\$[1-9][\d,]*$/);
  expect(shown.runRate).toMatch(/^\$[1-9][\d,]*$/);
  expect(shown.payback).toMatch(/^\d+(\.\d)? %$/);

  // The realized figure's formula, with the numbers plugged in, is a tooltip reached by keyboard.
  const row = page.getByRole("row").filter({ hasText: LIVE_INITIATIVE });
  const realizedCell = row.getByRole("button", { name: /^\$[\d,]+$/ }).nth(1);
  await realizedCell.focus();
  const tooltip = page.getByRole("tooltip").filter({ hasText: "Realized savings to date" });
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText(/[\d,]+ × 10 ÷ 60 × 58 = \$[\d,]+/);
  await expect(tooltip).toContainText("messages since");
  await page.keyboard.press("Escape");
  await expect(tooltip).toBeHidden();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-pdf").click()]);
  expect(download.suggestedFilename()).toMatch(/^portfolio-roi-\d{4}-\d{2}-\d{2}\.pdf$/);
  const bytes = new Uint8Array(await readFile((await download.path())!));
  expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
  const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
  expect(text).toContain("Portfolio ROI report");
  for (const value of Object.values(shown)) expect(text).toContain(value);
  expect(text).toContain(LIVE_INITIATIVE);

  const png = await page.request.get("/portfolio/export?format=png");
  expect(png.status()).toBe(200);
  expect(png.headers()["content-type"]).toBe("image/png");
  expect([...(await png.body()).subarray(0, 8)]).toEqual(PNG_SIGNATURE);
});

test("the export needs a signed-in user", async ({ request }) => {
  const res = await request.get("/portfolio/export?format=pdf", { maxRedirects: 0 });
  expect(res.status()).toBe(401);
  expect(res.headers()["content-type"]).toContain("application/problem+json");
});
