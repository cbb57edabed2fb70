import { defineConfig } from "vitest/config";
import { alias } from "./vitest.shared.ts";

// Real PostgreSQL and RabbitMQ. Each file gets its own database from test/global-setup.ts.
export default defineConfig({
  resolve: { alias },
  test: {
    include: ["**/*.integration.test.ts"],
    exclude: ["node_modules/**", ".next/**", ".next-*/**", ".data/**"],
    environment: "node",
    globalSetup: ["./test/integration-global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
