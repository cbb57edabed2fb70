import { errorCatalogueDocument } from "@/lib/errors";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

// Public, like the pages: clients and partners read the catalogue to map codes to handling.
export function GET(): Response {
  return Response.json(errorCatalogueDocument(env().AUTH_URL), {
    headers: { "cache-control": "public, max-age=300" },
  });
}
