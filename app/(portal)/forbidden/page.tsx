import { LinkButton, EmptyState } from "@/components/ui";

export default async function ForbiddenPage({ searchParams }: { searchParams: Promise<{ need?: string }> }) {
  const { need } = await searchParams;
  return (
    <EmptyState
      title="You do not have access to this page"
      description={`Your role does not include the permission this page needs${need ? ` (${need})` : ""}. Ask an admin if you need it.`}
      action={<LinkButton href="/">Back to home</LinkButton>}
    />
  );
}
