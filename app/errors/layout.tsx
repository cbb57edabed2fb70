import Link from "next/link";
import type { ReactNode } from "react";

// Public: problem+json `type` links land here, from partners who have no portal account.
export default function ErrorDocsLayout({ children }: { children: ReactNode }) {
  return (
    <div className="min-h-screen">
      <header className="bg-slate-900">
        <div className="mx-auto flex min-h-14 max-w-4xl items-center gap-4 px-4 py-1.5">
          <Link href="/errors" className="text-sm font-bold uppercase tracking-widest text-white">
            Switchboard errors
          </Link>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-4xl px-4 py-8">
        {children}
      </main>
    </div>
  );
}
