import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(fileURLToPath(import.meta.url));

// `server-only` throws outside React Server Components; tests import server modules directly.
export const alias = {
  "@": root,
  "server-only": path.join(root, "node_modules/server-only/empty.js"),
};
