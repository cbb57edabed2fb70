import "server-only";
import { notFound } from "next/navigation";
import { AppError, type AppErrorCode } from "@/lib/errors";

/**
 * Awaits a page's lookup and turns an AppError NOT_FOUND (or another listed code, e.g. FORBIDDEN where a
 * page should not reveal that the record exists) into Next's 404 page; anything else is rethrown.
 */
export async function orNotFound<T>(lookup: Promise<T>, codes: readonly AppErrorCode[] = ["NOT_FOUND"]): Promise<T> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof AppError && codes.includes(error.code)) notFound();
    throw error;
  }
}
