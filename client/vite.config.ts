import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = fileURLToPath(new URL(".", import.meta.url));

/**
 * Client build: root is client/, the project's own assets (assets/) are copied as the
 * public dir, and the bundle lands in dist/client, which the match server serves.
 */
export default defineConfig({
  root: here,
  base: "./",
  publicDir: fileURLToPath(new URL("../assets", import.meta.url)),
  build: {
    outDir: fileURLToPath(new URL("../dist/client", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 2000,
  },
  server: { port: 5173 },
});
