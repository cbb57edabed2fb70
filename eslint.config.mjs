import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const prismaImports = ["@prisma/client", "@/lib/db", "@/lib/db/*", "**/lib/db/generated/*"];

const config = [
  { settings: { next: { rootDir: "." } } },
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      ".next-*/**",
      ".data/**",
      "lib/db/generated/**",
      "node_modules/**",
      "bench/results/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // App Router only: there is no pages/ directory.
      "@next/next/no-html-link-for-pages": "off",
    },
  },
  // Test helpers such as useTestDatabase() are not React hooks.
  { files: ["**/*.test.ts", "**/*.test.tsx", "test/**", "e2e/**"], rules: { "react-hooks/rules-of-hooks": "off" } },
  // Only lib/env.ts reads process.env.
  {
    files: ["app/**", "components/**", "lib/**"],
    ignores: ["lib/env.ts", "**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through lib/env.ts." },
      ],
    },
  },
  // Pages, actions and shared UI never reach the database directly.
  {
    files: ["app/**", "components/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: prismaImports, message: "Go through lib/services." }] }],
    },
  },
  {
    files: ["components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [...prismaImports, "@/lib/services/*", "@/lib/services", "@/app/*"],
              message: "Shared UI may import lib/validation and lib/utils only.",
            },
          ],
        },
      ],
    },
  },
  // One error catalogue for the portal and the engine's gateway: it must stay free of Next.js and React.
  {
    files: ["lib/errors/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["next", "next/*", "react", "react-dom", "@/lib/http/*", "@/lib/session", "@/lib/session/*"],
              message: "lib/errors is shared with the engine: no Next.js, React or request code.",
            },
          ],
        },
      ],
    },
  },
  // The engine stands alone: no Next.js, React or portal code.
  {
    files: ["lib/engine/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["next", "next/*", "react", "react-dom", "@/app/*", "@/components/*"],
              message: "The engine must not depend on the portal.",
            },
          ],
        },
      ],
    },
  },
];
export default config;
