import { defineConfig } from "prisma/config";

// The CLI only generates the client here; migrations run through prisma/migrate.ts (see README).
export default defineConfig({
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations" },
});
