import type { Metadata } from "next";
import Link from "next/link";
import { Badge, Card, Notice, PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { getUserOrThrow } from "@/lib/services/users";
import { orNotFound } from "@/lib/http/not-found";
import { EditUserForm, ResetPasswordForm } from "../_components/edit-user-form";

export const metadata: Metadata = { title: "User" };

export default async function UserPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const actor = await requirePageAccess("user:read");
  const { id } = await params;
  const { created } = await searchParams;
  const user = await orNotFound(getUserOrThrow(actor, id));
  const canManage = can(actor.role, "user:manage");
  return (
    <>
      <PageHeader
        title={user.name}
        description={user.email}
        actions={
          <Link href="/admin/users" className="text-sm text-indigo-700 hover:underline">
            ← All users
          </Link>
        }
      />
      {created && (
        <div className="mb-4">
          <Notice tone="success">User created. They can sign in now.</Notice>
        </div>
      )}
      <div className="grid gap-6 md:grid-cols-2">
        <Card title="Account">
          <dl className="grid grid-cols-3 gap-2 text-sm">
            <dt className="text-slate-500">Role</dt>
            <dd className="col-span-2">{ROLE_LABELS[user.role]}</dd>
            <dt className="text-slate-500">Status</dt>
            <dd className="col-span-2">
              {user.isActive ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>}
            </dd>
            <dt className="text-slate-500">Created</dt>
            <dd className="col-span-2">{new Date(user.createdAt).toLocaleString()}</dd>
            <dt className="text-slate-500">Last sign-in</dt>
            <dd className="col-span-2">{user.lastLoginAt ? new Date(user.lastLoginAt).toLocaleString() : "Never"}</dd>
          </dl>
          <p className="mt-4 text-sm">
            <Link className="text-indigo-700 hover:underline" href={`/admin/audit?f.entityType=User&q=${user.id}`}>
              View this user&apos;s audit history
            </Link>
          </p>
        </Card>
        {canManage && (
          <Card title="Role and access">
            <EditUserForm user={user} />
          </Card>
        )}
        {canManage && (
          <Card title="Reset password">
            <ResetPasswordForm userId={user.id} />
          </Card>
        )}
      </div>
    </>
  );
}
