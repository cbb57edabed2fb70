import { z } from "zod";

/** What a config item writes after ${vars. or ${secrets.: a name, never a value. */
export const CONFIG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const CONFIG_NAME_HINT = "Use letters, digits and _ (start with a letter or _).";
/** provider "env": the engine process's environment variable that holds the secret. */
export const ENV_VAR_NAME = /^[A-Z_][A-Z0-9_]*$/;
export const SECRET_PROVIDERS = ["env"] as const;

const ZEnvironmentKey = z.string().trim().min(1, "Choose an environment.").max(60);
const ZConfigName = z.string().trim().min(1, "Enter a name.").max(120).regex(CONFIG_NAME, CONFIG_NAME_HINT);

export const ZSetVariableInput = z.object({
  environmentKey: ZEnvironmentKey,
  name: ZConfigName,
  value: z.string().max(4000),
});
export type TSetVariableInput = z.infer<typeof ZSetVariableInput>;

export const ZDeleteConfigNameInput = z.object({ environmentKey: ZEnvironmentKey, name: ZConfigName });
export type TDeleteConfigNameInput = z.infer<typeof ZDeleteConfigNameInput>;

export const ZSetSecretReferenceInput = z.object({
  environmentKey: ZEnvironmentKey,
  name: ZConfigName,
  provider: z.enum(SECRET_PROVIDERS).default("env"),
  reference: z
    .string()
    .trim()
    .min(1, "Name the engine's environment variable that holds the secret.")
    .max(200)
    .regex(ENV_VAR_NAME, "An environment variable name: upper-case letters, digits and _ (not the value)."),
});
export type TSetSecretReferenceInput = z.infer<typeof ZSetSecretReferenceInput>;

/** environment.yaml in an exported directory: one environment's variables and where its secrets live. */
export const ZEnvironmentFile = z
  .object({
    environment: ZEnvironmentKey,
    variables: z.record(z.string().regex(CONFIG_NAME, CONFIG_NAME_HINT), z.string().max(4000)).default({}),
    secrets: z
      .record(
        z.string().regex(CONFIG_NAME, CONFIG_NAME_HINT),
        z
          .object({
            provider: z.enum(SECRET_PROVIDERS).default("env"),
            reference: z.string().regex(ENV_VAR_NAME, "an environment variable name, not a value"),
          })
          .strict(),
      )
      .default({}),
  })
  .strict();
export type TEnvironmentFile = z.output<typeof ZEnvironmentFile>;
