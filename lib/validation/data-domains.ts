import { z } from "zod";

export const DATA_CLASSIFICATIONS = ["public", "internal", "confidential", "personal", "sensitive_personal"] as const;
export type TDataClassification = (typeof DATA_CLASSIFICATIONS)[number];

export const CLASSIFICATION_LABELS: Record<TDataClassification, string> = {
  public: "Public",
  internal: "Internal",
  confidential: "Confidential",
  personal: "Personal data",
  sensitive_personal: "Sensitive personal data",
};

/** Personal and sensitive personal data gate production activation on the owner's attestation. */
export function isPersonal(c: TDataClassification): boolean {
  return c === "personal" || c === "sensitive_personal";
}

/** A form sends the list as repeated fields or JSON text; an action sends an array. */
const idList = (v: unknown) => {
  if (v === undefined || v === null || v === "") return [];
  if (typeof v === "string") {
    try {
      const parsed: unknown = JSON.parse(v);
      return Array.isArray(parsed) ? parsed : [v];
    } catch {
      return [v];
    }
  }
  return v;
};

export const ZSetFlowDataDomains = z.object({
  flowId: z.string().trim().min(1, "Required."),
  dataDomainIds: z.preprocess(idList, z.array(z.string().trim().min(1)).max(100, "Link at most 100 data domains.")),
});
export type TSetFlowDataDomains = z.infer<typeof ZSetFlowDataDomains>;

export const ZSetClassification = z.object({
  dataDomainId: z.string().trim().min(1, "Required."),
  classification: z.enum(DATA_CLASSIFICATIONS, { error: "Choose a classification." }),
});
export type TSetClassification = z.infer<typeof ZSetClassification>;
