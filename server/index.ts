/** Starts Reconcile: client + Colyseus server on one port (PORT, default 2567). */
import { listen } from "@colyseus/tools";
import appConfig from "./app.config";

await listen(appConfig, Number(process.env.PORT || 2567));
