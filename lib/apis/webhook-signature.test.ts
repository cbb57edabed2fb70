import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhook, webhookHeaders } from "./webhook-signature";

// The Standard Webhooks / Svix reference example.
const REF = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};

describe("signWebhook", () => {
  it("matches the reference signature of the standard", () => {
    expect(signWebhook(REF)).toBe(REF.signature);
  });

  it("uses a plain secret's UTF-8 bytes", () => {
    const a = signWebhook({ ...REF, secret: "plain-secret" });
    const b = signWebhook({ ...REF, secret: "plain-secret2" });
    expect(a).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(a).not.toBe(b);
  });
});

describe("verifyWebhook", () => {
  const nowMs = REF.timestamp * 1000 + 10_000;
  const headers = {
    "webhook-id": REF.id,
    "webhook-timestamp": String(REF.timestamp),
    "webhook-signature": REF.signature,
  };

  it("accepts the reference message", () => {
    expect(verifyWebhook({ headers, body: REF.body, secret: REF.secret, nowMs })).toEqual({ ok: true });
  });

  it("accepts what webhookHeaders produced, also from a Headers object", () => {
    const body = JSON.stringify({ status: "succeeded" });
    const h = webhookHeaders("op_1", body, "s3cret", nowMs);
    expect(h["webhook-timestamp"]).toBe(String(Math.floor(nowMs / 1000)));
    expect(verifyWebhook({ headers: new Headers(h), body, secret: "s3cret", nowMs })).toEqual({ ok: true });
  });

  it("accepts when any of several signatures matches (key rotation)", () => {
    const both = { ...headers, "webhook-signature": `v1,AAAA ${REF.signature}` };
    expect(verifyWebhook({ headers: both, body: REF.body, secret: REF.secret, nowMs }).ok).toBe(true);
  });

  it.each([
    ["a tampered body", { body: '{"test": 2432232315}' }, "no v1 signature matches"],
    ["another secret", { secret: "whsec_" + Buffer.from("other").toString("base64") }, "no v1 signature matches"],
    ["another id", { headers: { ...headers, "webhook-id": "msg_other" } }, "no v1 signature matches"],
    ["an old timestamp", { nowMs: (REF.timestamp + 301) * 1000 }, "more than 300 s"],
    ["a future timestamp", { nowMs: (REF.timestamp - 301) * 1000 }, "more than 300 s"],
    ["a missing signature", { headers: { ...headers, "webhook-signature": undefined } }, "missing"],
    ["a non-numeric timestamp", { headers: { ...headers, "webhook-timestamp": "yesterday" } }, "Unix seconds"],
    ["another scheme", { headers: { ...headers, "webhook-signature": REF.signature.replace("v1,", "v2,") } }, "no v1"],
  ])("refuses %s", (_, over, reason) => {
    const verdict = verifyWebhook({ headers, body: REF.body, secret: REF.secret, nowMs, ...over });
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? "" : verdict.reason).toContain(reason);
  });

  it("honours a custom tolerance", () => {
    const late = (REF.timestamp + 100) * 1000;
    expect(verifyWebhook({ headers, body: REF.body, secret: REF.secret, nowMs: late, toleranceSeconds: 60 }).ok).toBe(
      false,
    );
    expect(verifyWebhook({ headers, body: REF.body, secret: REF.secret, nowMs: late, toleranceSeconds: 120 }).ok).toBe(
      true,
    );
  });
});
