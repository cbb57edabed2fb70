import { describe, expect, it } from "vitest";
import { formDataToObject } from "./form-data";

describe("formDataToObject", () => {
  it("keeps single values, groups repeated keys and reads checkbox booleans", () => {
    const fd = new FormData();
    fd.append("name", "Ada");
    fd.append("tag", "a");
    fd.append("tag", "b");
    fd.append("isActive?", "on");
    fd.append("$ACTION_ID_123", "x");
    expect(formDataToObject(fd)).toEqual({ name: "Ada", tag: ["a", "b"], isActive: true });
  });

  it("reads an unchecked checkbox (hidden false marker only) as false", () => {
    const fd = new FormData();
    fd.append("isActive?", "false");
    expect(formDataToObject(fd)).toEqual({ isActive: false });
  });
});
