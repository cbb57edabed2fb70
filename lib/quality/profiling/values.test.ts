import { describe, expect, it } from "vitest";
import { classifyJson, classifyText } from "./values";

describe("classifyText", () => {
  it.each([
    ["42", "integer", "integer", 42],
    ["-7", "integer", "integer", -7],
    ["01234", "string", "digits", null],
    ["0", "integer", "integer", 0],
    ["3.25", "decimal", "decimal", 3.25],
    ["1e3", "decimal", "decimal", 1000],
    ["1234567890123456789", "string", "digits", null], // past 15 digits: not a safe number
    ["TRUE", "boolean", "boolean", null],
    ["false", "boolean", "boolean", null],
    ["2024-02-29", "date", "date", null],
    ["2024-13-01", "string", "text", null],
    ["2024-02-29T10:15:00Z", "datetime", "date-time", null],
    ["2024-02-29 10:15:00.123+02:00", "datetime", "date-time", null],
    ["0f8fad5b-d9cb-469f-a165-70867728950e", "string", "uuid", null],
    ["9f8fad5b-d9cb-469f-a165-70867728950e", "string", "uuid", null],
    ["ann@example.com", "string", "email", null],
    ["https://example.com/a?b=1", "string", "url", null],
    ["+49 30 1234567", "string", "phone", null],
    ["(030) 123-4567", "string", "phone", null],
    ["030 1234567", "string", "phone", null],
    ["DE89370400440532013000", "string", "iban", null],
    ["DE89370400440532013001", "string", "text", null], // checksum fails
    ["Anna Meyer", "string", "text", null],
  ])("%s is %s / %s", (value, type, format, num) => {
    const c = classifyText(value);
    expect({ type: c.type, format: c.format, num: c.num }).toEqual({ type, format, num });
  });
});

describe("classifyJson", () => {
  it("keeps JSON's types: a string that spells a number stays a string", () => {
    expect({ ...classifyJson(12) }).toMatchObject({ type: "integer", num: 12 });
    expect({ ...classifyJson(1.5) }).toMatchObject({ type: "decimal", num: 1.5 });
    expect({ ...classifyJson("01234") }).toMatchObject({ type: "string", format: "digits", num: null });
    expect({ ...classifyJson("12") }).toMatchObject({ type: "string", format: "integer", num: null });
    expect({ ...classifyJson(true) }).toMatchObject({ type: "boolean", text: "true" });
    expect({ ...classifyJson([1, 2]) }).toMatchObject({ type: "array", format: "array", text: "[1,2]" });
    expect({ ...classifyJson("2024-01-01") }).toMatchObject({ type: "date", format: "date" });
  });
});
