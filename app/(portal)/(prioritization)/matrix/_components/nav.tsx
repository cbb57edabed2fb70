import Link from "next/link";
import { cn } from "@/lib/utils/cn";

export function MatrixNav({ active }: { active: "matrix" | "waves" }) {
  const link = (href: string, label: string, isActive: boolean) => (
    <Link
      href={href}
      aria-current={isActive ? "page" : undefined}
      className={cn(
        "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
        isActive ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900",
      )}
    >
      {label}
    </Link>
  );
  return (
    <nav aria-label="Prioritization views" className="mb-6 flex gap-1 border-b border-slate-200">
      {link("/matrix", "Matrix", active === "matrix")}
      {link("/matrix/waves", "Waves and roadmap", active === "waves")}
    </nav>
  );
}
