import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui";
import { listApiFormOptions } from "@/lib/services/apis";
import { requirePageAccess } from "@/lib/session";
import { ProductForm } from "../_components/product-form";

export const metadata: Metadata = { title: "New API" };

export default async function NewApiPage() {
  const actor = await requirePageAccess("api:edit");
  const options = await listApiFormOptions(actor);
  return (
    <>
      <PageHeader
        title="New API"
        description="An API product groups the major versions consumers subscribe to. Next, upload its OpenAPI document as v1."
      />
      <Card>
        <ProductForm people={options.people} systems={options.systems} />
      </Card>
    </>
  );
}
