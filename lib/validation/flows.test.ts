import { describe, expect, it } from "vitest";
import { formDataToObject } from "@/lib/utils/form-data";
import { ZSaveFlowFormInput } from "./flows";

const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return formDataToObject(fd);
};

describe("ZSaveFlowFormInput", () => {
  it("takes the generated spec when no document is pasted", () => {
    const input = ZSaveFlowFormInput.parse(form({ intent: "create", spec: '{"name":"orders"}', document: " " }));
    expect(input).toMatchObject({ intent: "create", spec: { name: "orders" }, document: undefined });
    expect(input.flowId).toBeUndefined();
  });

  it("lets a pasted document win over the generated spec", () => {
    const input = ZSaveFlowFormInput.parse(form({ spec: '{"name":"orders"}', document: "name: orders\n" }));
    expect(input).toMatchObject({ intent: "import", spec: undefined, document: "name: orders\n" });
  });

  it("asks for a spec or a document, on the document field", () => {
    const r = ZSaveFlowFormInput.safeParse(form({ flowId: "f1" }));
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual(["document"]);
  });

  it("turns the picker's empty interface into an unlink", () => {
    expect(ZSaveFlowFormInput.parse(form({ spec: "{}", interfaceId: "" })).interfaceId).toBeNull();
  });
});
