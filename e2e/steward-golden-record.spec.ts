import { expect, test } from "@playwright/test";
import { signInAsRole } from "./support/auth";

// Journey: a data owner (steward) opens the golden-record queue, compares the web shop's "Dana
// Kowalsky" with the CRM's "Dana Kowalski" side by side, merges them, reads on the golden record
// which system won each attribute and by which rule, then reverses the merge from the history.
test("a steward merges a golden-record conflict from the queue, reads its provenance, and unmerges it", async ({
  page,
}) => {
  await signInAsRole(page, "data_owner");
  await page.goto("/quality/master");
  await expect(
    page.getByRole("table", { name: "Master entities" }).getByRole("link", { name: "Customer" }),
  ).toBeVisible();
  await page.getByRole("link", { name: /Steward queue \(\d+ open\)/ }).click();

  const queue = page.getByRole("table", { name: "Review items" });
  await queue.getByRole("link", { name: /Dana Kowalsky ↔ Dana Kowalski/ }).click();
  const comparison = page.getByRole("table", { name: "Comparison" });
  await expect(comparison.getByRole("row", { name: /street/ })).toContainText("301 Birch Ln");
  await expect(comparison.getByRole("row", { name: /street/ })).toContainText("301 Birch Lane");

  await page.getByRole("button", { name: "Merge" }).click();
  const dialog = page.getByRole("dialog", { name: "Merge these records" });
  await dialog.getByRole("button", { name: "Merge" }).click();

  // The golden record now has both sources; provenance says who won each attribute and why.
  await expect(page).toHaveURL(/\/quality\/master\/golden\//);
  await expect(page.getByTestId("provenance-phone")).toContainText("shop");
  await expect(page.getByTestId("provenance-phone")).toContainText("most recent");
  await expect(page.getByTestId("provenance-phone")).toContainText("+1 555 040 0411");
  await expect(page.getByTestId("provenance-name")).toContainText("Dana Kowalski");
  await expect(page.getByTestId("provenance-name")).toContainText("crm");
  await expect(page.getByTestId("provenance-name")).toContainText("source priority");
  await expect(page.getByTestId("provenance-street")).toContainText("most complete");
  const sources = page.getByRole("region", { name: "Source records" });
  await expect(sources.getByRole("row")).toHaveCount(3);

  // Reverse it from the history: the shop's record goes back to its own golden record.
  const history = page.getByRole("region", { name: "History" });
  await expect(history.getByText("merge", { exact: true })).toBeVisible();
  await history.getByRole("button", { name: "Unmerge" }).click();
  await page.getByRole("dialog", { name: "Reverse this merge" }).getByRole("button", { name: "Unmerge" }).click();
  await expect(history.getByText("reversed", { exact: true })).toBeVisible();
  await expect(history.getByText("unmerge", { exact: true })).toBeVisible();
  await expect(sources.getByRole("row")).toHaveCount(2);
  await expect(page.getByTestId("provenance-phone")).toContainText("crm");
  await expect(page.getByTestId("provenance-phone")).toContainText("+1 555 040 0400");
});
