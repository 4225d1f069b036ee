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
  resolve: {
    // colyseus.js decodes messages with msgpackr, whose default build probes `new Function`
    // at load (a CSP violation under the server's script-src 'self'); its no-eval build is
    // the one made for a CSP (it reads records without generated code).
    alias: [{ find: /^@colyseus\/msgpackr$/, replacement: "@colyseus/msgpackr/index-no-eval" }],
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
