/** Starts Reconcile: client + Colyseus server on one port (PORT, default 2567), printing its HTTP limits. */
import { listen } from "@colyseus/tools";
import appConfig from "./app.config";
import { describeHttpSettings, readHttpSettings } from "./http/settings";
import { describeStoreSettings, readStoreSettings } from "./store";
import { describeOperatorKey, operatorKey } from "./booth/operatorKey";
import { readPublicUrl } from "./booth/publicUrl";

try {
  console.log(describeHttpSettings(readHttpSettings()));
  console.log(describeStoreSettings(readStoreSettings()));
  console.log(describeOperatorKey(operatorKey()));
  console.log(
    `Booth: kiosk /#/booth, big screen /#/booth/screen, operator /booth/operator/, PUBLIC_URL=${readPublicUrl() ?? ""}`,
  );
} catch (e) {
  console.error(`Cannot start: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
await listen(appConfig, Number(process.env.PORT || 2567));
