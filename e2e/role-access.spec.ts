import { expect, test } from "@playwright/test";
import { AREAS, areasFor, ROLE_LABELS, ROLES } from "../lib/auth/permissions";
import { signInAsRole } from "./support/auth";

// Every demo role sees exactly its areas in the nav, can open each, and is refused the others.
for (const role of ROLES) {
  test(`${role} sees only what the role allows`, async ({ page }) => {
    await signInAsRole(page, role);
    await expect(page.getByTestId("user-role")).toHaveText(ROLE_LABELS[role]);
    const allowed = areasFor(role);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(
      allowed.map((a) => a.label),
    );
    for (const area of AREAS) {
      await page.goto(area.href);
      const refused = page.getByText("You do not have access to this page");
      if (allowed.some((a) => a.href === area.href)) await expect(refused).toHaveCount(0);
      else await expect(refused).toBeVisible();
    }
  });
}

test("an anonymous visitor is sent to sign-in and then back to the page they asked for", async ({ page }) => {
  await page.goto("/admin/audit?q=user.create");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await page.getByLabel("Email").fill("admin@switchboard.local");
  await page.getByLabel("Password").fill("switchboard-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin\/audit\?q=user\.create/);
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
});
