import { describe, expect, it } from "vitest";
import { configReferences, findFlowSpecSecrets, findLiteralSecrets, isSecretReferenceValue } from "./secrets";

describe("findLiteralSecrets", () => {
  it.each([
    ["a literal password", { password: "hunter2" }, ["password"]],
    ["a literal bearer header", { headers: { Authorization: "Bearer abc.def" } }, ["headers.Authorization"]],
    [
      "an api key in any spelling",
      { "X-Api-Key": "k", api_key: "k", apiKey: "k", APIKEY: "k" },
      ["X-Api-Key", "api_key", "apiKey", "APIKEY"],
    ],
    [
      "a nested object under a secret key",
      { credentials: { user: "svc", pass: "pw" } },
      ["credentials.user", "credentials.pass"],
    ],
    ["a number under a secret key", { pin: 1, token: 12345 }, ["token"]],
    ["secrets inside arrays", { auth: [{ clientSecret: "s" }] }, ["auth.0.clientSecret"]],
    ["a reference", { password: "${secrets.DB_PASSWORD}" }, []],
    ["a bearer reference", { headers: { authorization: "Bearer ${secrets.PARTNER_TOKEN}" } }, []],
    ["an empty value, a flag and null", { token: "", tokenRequired: true, secret: null }, []],
    ["a variable where a secret belongs", { token: "${vars.TOKEN}" }, ["token"]],
    ["a reference glued to a literal", { token: "abc${secrets.T}" }, ["token"]],
    ["two references", { token: "${secrets.A}${secrets.B}" }, ["token"]],
    ["ordinary fields", { url: "https://x.example", headers: { "Content-Type": "application/json" } }, []],
  ])("%s", (_label, value, paths) => {
    expect(findLiteralSecrets(value).map((i) => i.path)).toEqual(paths);
  });

  it("names the field with its path inside the flow spec", () => {
    const issues = findFlowSpecSecrets({
      input: { config: { path: "/in" } },
      steps: [{ config: {} }, { config: { headers: { Authorization: "Basic dXNlcjpwdw==" } } }],
      outputs: [{ config: { url: "https://x", password: "pw" } }],
    });
    expect(issues.map((i) => i.path)).toEqual(["steps.1.config.headers.Authorization", "outputs.0.config.password"]);
    expect(issues[0].message).toMatch(/\$\{secrets\.NAME\} reference/);
  });
});

describe("references", () => {
  it("accepts one secret reference, alone or after an auth scheme", () => {
    expect(isSecretReferenceValue("${secrets.X}")).toBe(true);
    expect(isSecretReferenceValue("Bearer ${secrets.X}")).toBe(true);
    expect(isSecretReferenceValue("user:${secrets.X}")).toBe(false);
  });

  it("lists the variables and secrets a document uses", () => {
    expect(
      configReferences({ url: "${vars.BASE}/orders?x=${vars.REGION}", h: ["${secrets.TOKEN}", "${vars.BASE}"] }),
    ).toEqual({ vars: ["BASE", "REGION"], secrets: ["TOKEN"] });
  });
});
