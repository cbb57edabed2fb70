import { describe, expect, it } from "vitest";
import { zHttpUrl } from "./http-call";

// Saved versions keep ${vars.NAME} placeholders; the engine fills them in per environment at activation.
describe("zHttpUrl", () => {
  const url = zHttpUrl("target");
  it.each([
    ["https://erp.example/orders", true],
    ["${vars.ERP_URL}/orders", true],
    ["https://${vars.ERP_HOST}/orders", true],
    ["http://erp/${vars.TENANT}/orders", true],
    ["ftp://erp.example", false],
    ["erp ${vars.ERP_URL}", false],
    ["${env.ERP_URL}/orders", false],
  ])("%s → %s", (value, ok) => {
    expect(url.safeParse(value).success).toBe(ok);
  });
});
