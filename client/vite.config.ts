import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { compression } from "vite-plugin-compression2";

const here = fileURLToPath(new URL(".", import.meta.url));

/**
 * Client build: root is client/, the project's own assets (assets/) are copied as the
 * public dir, and the bundle lands in dist/client, which the match server serves. Every
 * text asset also gets a brotli (.br) and a gzip (.gz) copy beside it, which the server
 * sends to browsers that accept them (fonts are woff2, compressed already).
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
  plugins: [
    compression({
      algorithms: ["brotliCompress", "gzip"],
      include: /\.(js|mjs|css|html|svg|json|md|txt)$/,
      threshold: 512,
    }),
  ],
  server: { port: 5173 },
});
