import type { Metadata } from "next";
import { LinkButton, PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { can } from "@/lib/auth/permissions";
import { listUsers } from "@/lib/services/users";
import { parseListQuery } from "@/lib/validation/list";
import { UsersTable } from "./_components/users-table";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("user:read");
  const query = parseListQuery(await searchParams);
  const result = await listUsers(actor, query);
  const canManage = can(actor.role, "user:manage");
  return (
    <>
      <PageHeader
        title="Users"
        description="Accounts and roles. A role decides which areas and actions a person gets."
      />
      <UsersTable
        result={result}
        query={query}
        toolbar={
          canManage ? (
            <LinkButton href="/admin/users/new" variant="primary">
              New user
            </LinkButton>
          ) : undefined
        }
      />
    </>
  );
}
