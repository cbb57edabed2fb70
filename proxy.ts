import { NextResponse, type NextRequest } from "next/server";

// Request ids for log correlation, and HSTS behind https. Authentication is checked where the data is
// (the portal layout, every page, route handler and server action); running next-auth here would
// re-issue the session cookie on every request, which can undo a sign-out racing a prefetch.
export default function proxy(req: NextRequest): NextResponse {
  const requestId = req.headers.get("x-request-id") ?? crypto.randomUUID();
  const headers = new Headers(req.headers);
  headers.set("x-request-id", requestId);
  // Lets a page send an anonymous visitor to sign-in and back to where they were going.
  headers.set("x-pathname", `${req.nextUrl.pathname}${req.nextUrl.search}`);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("x-request-id", requestId);
  const isHttps = req.nextUrl.protocol === "https:" || req.headers.get("x-forwarded-proto") === "https";
  if (isHttps) res.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return res;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
