/**
 * zod, set up once for every schema of the game. `jitless`: zod otherwise probes
 * `new Function("")` to compile fast parsers, and in the page — served with a
 * Content-Security-Policy without 'unsafe-eval' — that probe is a reported CSP violation.
 */
import { z } from "zod";

z.config({ jitless: true });

export { z };
