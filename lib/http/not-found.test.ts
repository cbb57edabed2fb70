import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { orNotFound } from "./not-found";

// notFound() throws an error whose digest Next's renderer reads to show the 404 page.
const isNextNotFound = (e: unknown) => String((e as { digest?: unknown })?.digest) === "NEXT_HTTP_ERROR_FALLBACK;404";
const caught = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe("orNotFound", () => {
  it("passes the value through", async () => {
    await expect(orNotFound(Promise.resolve(7))).resolves.toBe(7);
  });

  it("turns NOT_FOUND into Next's 404", async () => {
    const error = await caught(orNotFound(Promise.reject(new AppError("NOT_FOUND", "gone"))));
    expect(isNextNotFound(error)).toBe(true);
  });

  it("rethrows other codes unless the page lists them", async () => {
    const forbidden = new AppError("FORBIDDEN", "no");
    expect(await caught(orNotFound(Promise.reject(forbidden)))).toBe(forbidden);
    const hidden = await caught(orNotFound(Promise.reject(forbidden), ["NOT_FOUND", "FORBIDDEN"]));
    expect(isNextNotFound(hidden)).toBe(true);
  });

  it("rethrows anything that is not an AppError", async () => {
    const boom = new Error("db down");
    expect(await caught(orNotFound(Promise.reject(boom)))).toBe(boom);
  });
});
