import { expect, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../prisma/seed/demo-accounts";
import type { TRole } from "../../lib/auth/permissions";

export function demoAccount(role: TRole) {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role);
  if (!account) throw new Error(`no demo account for ${role}`);
  return account;
}

export async function signInAs(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("user-role")).toBeVisible();
}

export async function signInAsRole(page: Page, role: TRole): Promise<void> {
  await signInAs(page, demoAccount(role).email, DEMO_PASSWORD);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId("user-role").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByLabel("Email")).toBeVisible();
}
