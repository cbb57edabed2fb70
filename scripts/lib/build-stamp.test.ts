import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { checkBuild, decideBuild, isBuildInput, sourceFingerprint, writeBuildStamp } from "./build-stamp";

describe("decideBuild", () => {
  it("builds when there is no BUILD_ID", () => {
    expect(decideBuild({ hasBuildId: false, stampFingerprint: "a", currentFingerprint: "a" })).toMatchObject({
      stale: true,
    });
  });
  it("builds when the build was made outside npm start (no stamp)", () => {
    expect(decideBuild({ hasBuildId: true, stampFingerprint: null, currentFingerprint: "a" })).toMatchObject({
      stale: true,
    });
  });
  it("skips the build when nothing changed", () => {
    expect(decideBuild({ hasBuildId: true, stampFingerprint: "a", currentFingerprint: "a" })).toEqual({ stale: false });
  });
  it("builds when sources changed", () => {
    expect(decideBuild({ hasBuildId: true, stampFingerprint: "a", currentFingerprint: "b" })).toMatchObject({
      stale: true,
      reason: expect.stringContaining("changed"),
    });
  });
});

describe("isBuildInput", () => {
  it("ignores tests and the CLI, which the web never imports", () => {
    expect(isBuildInput("lib/services/users.test.ts")).toBe(false);
    expect(isBuildInput("lib/services/audit/audit.integration.test.ts")).toBe(false);
    expect(isBuildInput("lib/cli/main.ts")).toBe(false);
    expect(isBuildInput("app/page.tsx")).toBe(true);
  });
});

describe("fingerprint on a real tree", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), "sb-build-"));
    mkdirSync(path.join(root, "app"));
    writeFileSync(path.join(root, "app/page.tsx"), "export default 1");
    writeFileSync(path.join(root, "app/other.tsx"), "export default 2");
    writeFileSync(path.join(root, "package.json"), "{}");
    mkdirSync(path.join(root, ".next"));
    writeFileSync(path.join(root, ".next/BUILD_ID"), "x");
    writeBuildStamp(root, ".next", sourceFingerprint(root));
  });

  it("is fresh right after a build", () => {
    expect(checkBuild(root, ".next")).toMatchObject({ stale: false });
  });

  it("notices an edited file even when its mtime is older than the build", () => {
    writeFileSync(path.join(root, "app/page.tsx"), "export default 100");
    utimesSync(path.join(root, "app/page.tsx"), new Date(2000, 1, 1), new Date(2000, 1, 1));
    expect(checkBuild(root, ".next").stale).toBe(true);
  });

  it("notices a deleted file", () => {
    rmSync(path.join(root, "app/other.tsx"));
    expect(checkBuild(root, ".next").stale).toBe(true);
  });

  it("ignores a new test file", () => {
    const before = sourceFingerprint(root);
    writeFileSync(path.join(root, "app/page.test.tsx"), "test");
    expect(sourceFingerprint(root)).toBe(before);
  });

  it("builds again when a file changed while the build ran", () => {
    const before = sourceFingerprint(root);
    writeFileSync(path.join(root, "app/page.tsx"), "export default 'edited during build'");
    writeBuildStamp(root, ".next", before);
    expect(checkBuild(root, ".next").stale).toBe(true);
  });

  it("uses the dist dir it is given", () => {
    expect(checkBuild(root, ".next-other").stale).toBe(true);
  });
});
