import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { optionalSession } from "@/lib/session";
import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await optionalSession()) redirect("/");
  const { callbackUrl } = await searchParams;
  return <SignInShell target={safeTarget(callbackUrl)} />;
}

// Keeps only the path of a callback URL, so sign-in can never redirect off-site.
function safeTarget(callbackUrl: string | undefined): string {
  if (!callbackUrl) return "/";
  try {
    const u = new URL(callbackUrl, "http://internal.invalid");
    return u.pathname.startsWith("/signin") ? "/" : `${u.pathname}${u.search}`;
  } catch {
    return "/";
  }
}

function SignInShell({ target }: { target: string }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <p className="text-sm font-semibold uppercase tracking-widest text-indigo-600">Switchboard</p>
        <h1 className="mt-1 text-xl font-semibold text-slate-900">Sign in to your workspace</h1>
        <div className="mt-6">
          <SignInForm callbackUrl={target} />
        </div>
      </div>
    </main>
  );
}
