import "server-only";
import { env, readEnvSecret } from "@/lib/env";
import { logger } from "@/lib/logger";
import { KEK_VARIABLE, resolveKek, type TKek } from "@/lib/quality/privacy/kek";

let warned = false;

/** The portal's KEK; see resolveKek. The warning names the variable, never a value. */
export function portalKek(): TKek {
  const kek = resolveKek({
    kek: readEnvSecret(KEK_VARIABLE),
    authSecret: env().AUTH_SECRET,
    isProduction: env().NODE_ENV === "production",
  });
  if (kek.isDerived && !warned) {
    warned = true;
    logger().warn(
      `${KEK_VARIABLE} is not set: using a development key-encryption key derived from AUTH_SECRET. Set ${KEK_VARIABLE} outside development.`,
    );
  }
  return kek;
}
