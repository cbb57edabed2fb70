import type { NextAuthConfig } from "next-auth";
import type { TRole } from "@/lib/auth/permissions";

// Session and callback settings; lib/session/next-auth.ts adds the credentials provider. Sessions are JWTs
// that last 8 hours from sign-in (nothing re-issues them per request; see proxy.ts).
export const authConfig = {
  pages: { signIn: "/signin" },
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  trustHost: true,
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = (user as { id?: string }).id;
        token.role = (user as { role?: TRole }).role;
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      if (session.user) {
        (session.user as { id?: unknown }).id = token.uid;
        (session.user as { role?: unknown }).role = token.role;
        (session.user as { sessionVersion?: unknown }).sessionVersion = token.sv;
      }
      return session;
    },
  },
} satisfies NextAuthConfig;
