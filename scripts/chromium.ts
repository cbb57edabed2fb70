// Playwright cannot download browsers here: use Debian's Chromium, installing it when we can.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export type BrowserCheck = { ok: true; path: string } | { ok: false; message: string };

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export function ensureChromium(): BrowserCheck {
  const found = findChromium();
  if (found) return { ok: true, path: found };
  const canApt = process.getuid?.() === 0 && spawnSync("which", ["apt-get"]).status === 0;
  if (canApt) {
    console.log("Chromium not found: installing Debian's chromium package (apt-get)…");
    try {
      execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
      execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], {
        stdio: "inherit",
        env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      });
    } catch {
      return { ok: false, message: "apt-get install chromium failed; install it by hand and rerun" };
    }
    const installed = findChromium();
    if (installed) return { ok: true, path: installed };
  }
  return {
    ok: false,
    message:
      "no Chromium found. Install it (Debian: sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary",
  };
}
