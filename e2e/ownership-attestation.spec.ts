import { expect, test } from "@playwright/test";
import { signInAsRole } from "./support/auth";

// Journey: a data owner signs off a process from their pending sign-offs; the registry shows it as
// signed until the attestation period (180 days in the seed) has passed, then as expired and
// pending again. Time moves with the test-only clock cookie, which the e2e server allows
// (ALLOW_TEST_CLOCK=1) and production ignores.
const PROCESS = "Ticket triage";
const CLOCK_COOKIE = "sb_test_clock_offset_days";

test("a data owner signs off a process; it stays signed until the attestation expires", async ({
  page,
  context,
  baseURL,
}) => {
  const setClock = (days: number) => context.addCookies([{ name: CLOCK_COOKIE, value: String(days), url: baseURL! }]);
  const processRow = () => page.getByRole("row", { name: new RegExp(PROCESS) });

  await setClock(0);
  await signInAsRole(page, "data_owner");
  await page.goto(`/ownership?q=${encodeURIComponent(PROCESS)}`);
  await expect(processRow().getByTestId("attestation-status")).toContainText("Unsigned");

  // The owner's pending list offers the sign-off, and the portal has notified them.
  const pending = page.getByTestId("pending-sign-offs");
  await expect(pending).toContainText(PROCESS);
  await expect(page.getByTestId("notifications")).toContainText(`Sign off ${PROCESS}: not signed yet`);
  await pending.getByRole("button", { name: `Sign off ${PROCESS}` }).click();

  await expect(processRow().getByTestId("attestation-status")).toContainText("Signed");
  await expect(pending.getByText(PROCESS)).toHaveCount(0);

  // 100 days later it is still signed.
  await setClock(100);
  await page.reload();
  await expect(processRow().getByTestId("attestation-status")).toContainText("Signed");

  // 181 days later the attestation has expired, is listed as expired, and needs renewing.
  await setClock(181);
  await page.goto(`/ownership?q=${encodeURIComponent(PROCESS)}&f.status=expired`);
  await expect(processRow().getByTestId("attestation-status")).toContainText("Expired");
  await expect(page.getByTestId("pending-sign-offs")).toContainText(PROCESS);
  await expect(page.getByTestId("notifications")).toContainText(`Sign off ${PROCESS}: the attestation expired`);

  // Renewing signs it again from the (simulated) new date.
  await page
    .getByTestId("pending-sign-offs")
    .getByRole("button", { name: `Sign off ${PROCESS}` })
    .click();
  await page.goto(`/ownership?q=${encodeURIComponent(PROCESS)}`);
  await expect(processRow().getByTestId("attestation-status")).toContainText("Signed");
});
