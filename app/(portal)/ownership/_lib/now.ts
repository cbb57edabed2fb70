import "server-only";
import { cookies } from "next/headers";
import { currentTime, TEST_CLOCK_COOKIE } from "@/lib/services/ownership/clock";

/** Request time for attestation expiry; honours the test clock only where lib/env allows it. */
export async function requestNow(): Promise<Date> {
  const jar = await cookies();
  return currentTime(jar.get(TEST_CLOCK_COOKIE)?.value);
}
