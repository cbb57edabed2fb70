import type { Metadata } from "next";
import { PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { CreateUserForm } from "../_components/create-user-form";

export const metadata: Metadata = { title: "New user" };

export default async function NewUserPage() {
  await requirePageAccess("user:manage");
  return (
    <>
      <PageHeader title="New user" description="Create an account and give it a role." />
      <CreateUserForm />
    </>
  );
}
