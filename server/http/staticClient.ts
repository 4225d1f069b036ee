/**
 * The built client as static files: the brotli or gzip copy the build put next to each
 * asset when the browser accepts it (express-static-gzip sets Content-Encoding and Vary),
 * hashed assets cached for a year as immutable, everything else (index.html, the icons)
 * revalidated on every load so a new build shows at once.
 */
import type { ServerResponse } from "node:http";
import path from "node:path";
import express, { type RequestHandler } from "express";
import expressStaticGzip from "express-static-gzip";

/** Vite's hashed output (`assets/index-DMrZHnev.js`): the name changes whenever the content does. */
const HASHED = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+(\.br|\.gz)?$/;

/** Cache-Control of a served file. */
export function cacheControl(file: string): string {
  return HASHED.test(file) ? "public, max-age=31536000, immutable" : "no-cache";
}

/**
 * Serves `dir`. The middleware lists the precompressed files on its first request, not at
 * start: the directory may be (re)built while the server boots (tests build it in parallel).
 */
export function staticClient(dir: string): RequestHandler {
  const root = path.resolve(dir);
  const setHeaders = (r: ServerResponse, file: string) => r.setHeader("Cache-Control", cacheControl(file));
  const plain = express.static(root, { index: "index.html", setHeaders });
  let serve: RequestHandler | undefined;
  return (req, res, next) => {
    try {
      serve ??= expressStaticGzip(root, {
        enableBrotli: true,
        orderPreference: ["br", "gzip"],
        index: "index.html",
        serveStatic: { setHeaders },
      }) as RequestHandler;
    } catch {
      // The directory changed under the scan: serve this request uncompressed, list again next time.
      return plain(req, res, next);
    }
    serve(req, res, next);
  };
}
