import { describe, expect, it } from "vitest";
import { pickHealthEnvironment } from "./list-health";

const envs = [
  { id: "p", key: "prod", isProduction: true, sortOrder: 3 },
  { id: "t", key: "test", isProduction: false, sortOrder: 2 },
  { id: "d", key: "dev", isProduction: false, sortOrder: 1 },
];

describe("pickHealthEnvironment", () => {
  it("prefers production, then the first environment in promotion order", () => {
    expect(pickHealthEnvironment(["d", "p", "t"], envs)?.key).toBe("prod");
    expect(pickHealthEnvironment(["t", "d"], envs)?.key).toBe("dev");
    expect(pickHealthEnvironment(["t"], envs)?.key).toBe("test");
  });

  it("uses the filtered environment, and nothing where the flow does not run", () => {
    expect(pickHealthEnvironment(["d", "p"], envs, "dev")?.key).toBe("dev");
    expect(pickHealthEnvironment(["d"], envs, "prod")).toBeNull();
    expect(pickHealthEnvironment([], envs)).toBeNull();
  });
});
