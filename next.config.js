// @ts-check
// Security headers for every response. The CSP allows inline styles (Tailwind/Recharts emit them)
// and Next's inline bootstrap scripts; everything else is same-origin only.
const isDev = process.env.NODE_ENV !== "production";

const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Parallel dev servers and test builds each get their own output folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
  // `npm test` typechecks the whole repo as its own step; skipping it here keeps `npm start` fast.
  typescript: { ignoreBuildErrors: true },
  // Loaded from node_modules at runtime: re2-wasm reads its .wasm next to its own file, which bundling breaks
  // (the portal imports the engine's component registry to validate flow specs).
  // @resvg/resvg-js (the portfolio report's PNG) is a native addon: it is required at runtime, never bundled.
  serverExternalPackages: ["re2-wasm", "@resvg/resvg-js"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Content-Security-Policy", value: csp },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
