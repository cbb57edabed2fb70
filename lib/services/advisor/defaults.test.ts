import { describe, expect, it } from "vitest";
import { advisorDefaults, regionOf } from "./defaults";

describe("regionOf", () => {
  it.each([
    ["EU (Frankfurt)", "eu"],
    ["DE (Hamburg data centre)", "eu"],
    ["NL (Venlo DC)", "eu"],
    ["US East (Virginia)", "us"],
    ["UK (London)", "uk"],
    ["Singapore", "apac"],
    ["Mars base", "other"],
    ["", undefined],
  ])("maps %s to %s", (text, region) => expect(regionOf(text)).toBe(region));
});

describe("advisorDefaults", () => {
  it("derives volume per day, latency, capabilities and formats from the interface", () => {
    const d = advisorDefaults({
      payloadFormat: "xml",
      frequency: "daily",
      volumePerMonth: 3000,
      mechanism: "file",
      sourceSystem: { hosting: "on_prem", region: "DE" },
      targetSystem: { hosting: "cloud", region: "US" },
    });
    expect(d).toMatchObject({
      messagesPerDay: 100,
      latency: "batch",
      sourceCapabilities: ["file_export"],
      sourceFormat: "xml",
      targetFormats: ["xml"],
      sourceRegion: "eu",
      targetRegion: "us",
    });
    expect(
      advisorDefaults({
        payloadFormat: "idoc",
        frequency: "real_time",
        volumePerMonth: 0,
        mechanism: "api",
        sourceSystem: { hosting: "cloud", region: "" },
        targetSystem: { hosting: "cloud", region: "" },
      }).sourceFormat,
    ).toBeUndefined();
  });
});
