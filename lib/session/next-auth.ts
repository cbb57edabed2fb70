import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { AppError } from "@/lib/errors";
import { authenticate } from "@/lib/services/users";
import { authConfig } from "./config";

class RateLimitedSignin extends CredentialsSignin {
  code = "rate_limited";
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const h = await headers();
        // scripts/web-server.ts has replaced X-Forwarded-For with the one address it trusts.
        const ip = h.get("x-forwarded-for")?.split(",")[0]?.trim() || "local";
        try {
          const user = await authenticate(credentials, ip);
          return user
            ? { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion }
            : null;
        } catch (error) {
          if (error instanceof AppError && error.code === "RATE_LIMITED") throw new RateLimitedSignin();
          throw error;
        }
      },
    }),
  ],
});
