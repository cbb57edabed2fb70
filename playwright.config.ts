import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium (Playwright cannot download browsers here). The test runner checks it exists.
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
// The e2e engine's gateway gets its own port so a running `npm start` (gateway on 4000) does not clash.
export const E2E_GATEWAY_PORT = Number(process.env.E2E_GATEWAY_PORT ?? 4300);
process.env.E2E_GATEWAY_URL ??= `http://127.0.0.1:${E2E_GATEWAY_PORT}`;
export const E2E_API_GATEWAY_PORT = Number(process.env.E2E_API_GATEWAY_PORT ?? 4310);
process.env.E2E_API_GATEWAY_URL ??= `http://127.0.0.1:${E2E_API_GATEWAY_PORT}`;

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: "npx tsx e2e/support/serve.ts",
    url: `http://127.0.0.1:${E2E_PORT}/api/health`,
    timeout: 600_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      E2E_PORT: String(E2E_PORT),
      ENGINE_GATEWAY_PORT: String(E2E_GATEWAY_PORT),
      ENGINE_API_GATEWAY_PORT: String(E2E_API_GATEWAY_PORT),
    },
  },
});
