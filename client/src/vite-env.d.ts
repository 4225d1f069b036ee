/// <reference types="vite/client" />

/** Build-time settings of the client (Vite inlines `VITE_*` variables). */
interface ImportMetaEnv {
  /** Servers `?server=` may point a page at besides its own origin: `host:port`, comma-separated. */
  readonly VITE_SERVER_ALLOWLIST?: string;
}
