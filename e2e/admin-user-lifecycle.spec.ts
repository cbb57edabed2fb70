import { expect, test } from "@playwright/test";
import { areasFor } from "../lib/auth/permissions";
import { signInAs, signInAsRole, signOut } from "./support/auth";

// Journey: an admin creates a user with a role; that user signs in and sees exactly the
// areas the role allows; the audit log shows both the creation and the sign-in.
test("admin creates a user who then signs in with exactly the role's access", async ({ page }) => {
  const email = `cab.member.${Date.now()}@example.com`;
  const password = "correct-horse-battery";

  await signInAsRole(page, "admin");
  await page.getByRole("link", { name: "Users" }).first().click();
  await page.getByRole("link", { name: "New user" }).click();

  // Bad input is rejected field by field and nothing is created.
  await page.getByLabel("Full name").fill("Casey CAB");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Initial password").fill("short");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByTestId("error-email")).toContainText("valid email");
  await expect(page.getByTestId("error-password")).toContainText("12 characters");
  await expect(page.getByLabel("Full name")).toHaveValue("Casey CAB");
  await expect(page.getByLabel("Email")).toBeFocused();

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role").selectOption("cab_member");
  await page.getByLabel("Initial password").fill(password);
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText("User created")).toBeVisible();
  await signOut(page);

  await signInAs(page, email, password);
  await expect(page.getByTestId("user-role")).toHaveText("CAB member");
  const nav = page.getByRole("navigation", { name: "Main" });
  const expected = areasFor("cab_member").map((a) => a.label);
  await expect(nav.getByRole("link")).toHaveText(expected);
  await page.goto("/admin/users");
  await expect(page.getByText("You do not have access to this page")).toBeVisible();
  await signOut(page);

  await signInAsRole(page, "admin");
  await page.goto(`/admin/audit?q=${encodeURIComponent(email)}`);
  const log = page.getByRole("table", { name: "Audit log" });
  await expect(log.getByText("user.create")).toBeVisible();
  await expect(log.getByText("auth.sign_in")).toBeVisible();
});
