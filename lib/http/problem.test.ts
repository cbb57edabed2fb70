import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { problem, problemResponse } from "./problem";

const request = (headers: Record<string, string> = {}) =>
  new Request("http://portal.test/api/export/users?q=1", { headers });

describe("problemResponse", () => {
  it("answers problem+json with the request id and path", async () => {
    const res = problemResponse(new AppError("FORBIDDEN", "No export for you."), request({ "x-request-id": "r-1" }));
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toEqual({
      type: expect.stringMatching(/(^|\/)errors\/forbidden$/),
      title: "Not allowed",
      status: 403,
      detail: "No export for you.",
      code: "FORBIDDEN",
      instance: "/api/export/users",
      requestId: "r-1",
    });
  });

  it("adds extension members and headers", async () => {
    const res = problem(request(), "METHOD_NOT_ALLOWED", "Use GET.", {
      headers: { allow: "GET" },
      extensions: { allowed: ["GET"] },
    });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET");
    expect(await res.json()).toMatchObject({ code: "METHOD_NOT_ALLOWED", allowed: ["GET"] });
  });
});
