import { signOutAction } from "../actions";

export function UserMenu({ name, email, roleLabel }: { name: string; email: string; roleLabel: string }) {
  return (
    <details className="relative">
      <summary
        className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1.5 text-sm text-slate-200 hover:bg-slate-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-400"
        aria-label={`Account: ${name}, ${roleLabel}`}
      >
        <span
          aria-hidden
          className="flex h-7 w-7 items-center justify-center rounded-full bg-indigo-500 text-xs font-semibold text-white"
        >
          {name.slice(0, 1).toUpperCase()}
        </span>
        <span className="hidden text-left leading-tight sm:block">
          <span className="block font-medium">{name}</span>
          <span className="block text-xs text-slate-400" data-testid="user-role">
            {roleLabel}
          </span>
        </span>
      </summary>
      <div className="absolute right-0 z-30 mt-2 w-64 rounded-md border border-slate-200 bg-white p-3 text-sm shadow-lg">
        <p className="font-medium text-slate-900">{name}</p>
        <p className="truncate text-slate-500">{email}</p>
        <p className="mt-1 text-xs text-slate-500">Role: {roleLabel}</p>
        <form action={signOutAction} className="mt-3 border-t border-slate-100 pt-3">
          <button type="submit" className="w-full rounded-md px-2 py-1.5 text-left text-slate-700 hover:bg-slate-100">
            Sign out
          </button>
        </form>
      </div>
    </details>
  );
}
