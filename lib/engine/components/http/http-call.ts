import { z } from "zod";
import { HttpStatusError, TransientError } from "@/lib/engine/core/errors";

const PLACEHOLDER = /\$\{(vars|secrets)\.[A-Za-z_][A-Za-z0-9_]*\}/g;

/**
 * ${vars.NAME} placeholders are filled in per environment at activation (when the URL is checked again
 * with real values), so a saved version is checked with stand-ins: a leading one stands for the base URL.
 */
function withStandIns(url: string): string {
  return url
    .replace(/^\$\{(vars|secrets)\.[A-Za-z_][A-Za-z0-9_]*\}/, "http://placeholder.invalid")
    .replace(PLACEHOLDER, "placeholder");
}

function isHttpUrl(url: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(withStandIns(url)).protocol);
  } catch {
    return false;
  }
}

export const zHttpUrl = (description: string) =>
  z.string().trim().max(2000).refine(isHttpUrl, { message: "must be an http(s) URL" }).describe(description);

export const zHeaders = z
  .record(z.string().regex(/^[A-Za-z0-9-]{1,100}$/, "invalid header name"), z.string().max(4000))
  .default({});

/** fetch with a per-call timeout; network failures become TransientError, non-2xx HttpStatusError. */
export async function httpCall(
  fetchFn: typeof fetch,
  url: string,
  init: RequestInit & { timeoutMs: number; okStatuses?: number[] },
  s: AbortSignal,
): Promise<Response> {
  const signal = AbortSignal.any([s, AbortSignal.timeout(init.timeoutMs)]);
  let res: Response;
  try {
    res = await fetchFn(url, { ...init, signal, redirect: "manual" });
  } catch (error) {
    const reason =
      error instanceof Error && error.name === "TimeoutError"
        ? `timed out after ${init.timeoutMs} ms`
        : error instanceof Error
          ? error.cause instanceof Error
            ? error.cause.message
            : error.message
          : String(error);
    throw new TransientError(`${init.method ?? "GET"} ${url} failed: ${reason}`, { cause: error });
  }
  if (res.ok || init.okStatuses?.includes(res.status)) return res;
  const text = (await res.text().catch(() => "")).slice(0, 200);
  throw new HttpStatusError(
    res.status,
    `${init.method ?? "GET"} ${url} answered ${res.status}${text ? `: ${text}` : ""}`,
  );
}
