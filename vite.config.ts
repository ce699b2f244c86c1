import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// The API server the dev server forwards to; `npm run dev:web` expects `opsdeck serve` on its default port.
const apiServer = "http://127.0.0.1:8080";

export default defineConfig({
  root: fileURLToPath(new URL("./src/web", import.meta.url)),
  // Vite 8 transforms TSX itself (oxc); the automatic runtime means components need no React import.
  oxc: { jsx: { runtime: "automatic" } },
  build: {
    outDir: fileURLToPath(new URL("./web-dist", import.meta.url)),
    // The output lies outside `root`, so Vite would otherwise refuse to clear stale hashed assets.
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      onwarn(warning, warn) {
        // TanStack marks its modules "use client" for React Server Components; meaningless in a SPA bundle.
        if (warning.code === "MODULE_LEVEL_DIRECTIVE") return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: {
      "/api": { target: apiServer },
      "/healthz": { target: apiServer },
    },
  },
});
