/**
 * What kubectl prints once a write went through: `deployment.apps/tomcat scaled`,
 * `pod "x" deleted`, `node/node-1 cordoned`, `pod/x labeled`, … — one line per intent.
 */
import { splitKey, splitWorkload } from "../sim/intents/registry";
import type { Intent } from "../sim/intents/types";
import { objectName, typeOfKind } from "./resources";

/** `deployment.apps/tomcat` from `Deployment/shop/tomcat`. */
function workloadName(ref: string): string {
  const [kind, , name] = splitWorkload(ref);
  const t = typeOfKind(kind);
  return t ? objectName(t, name) : `${kind.toLowerCase()}/${name}`;
}

/** What kubectl prints once a write succeeded (`deployment.apps/tomcat scaled`, `pod "x" deleted`, `node/node-1 cordoned`). */
export function kubectlConfirmation(intent: Intent): string {
  switch (intent.type) {
    case "bindPod":
      return `binding/${splitKey(intent.pod)[1]} created`;
    case "cordon":
      return `node/${intent.node} cordoned`;
    case "uncordon":
      return `node/${intent.node} uncordoned`;
    case "createPod":
      return `pod created for ${workloadName(intent.owner)}`;
    case "deletePod":
      return `pod "${splitKey(intent.pod)[1]}" deleted`;
    case "scale":
      return `${workloadName(intent.workload)} scaled`;
    case "setImage":
      return `${workloadName(intent.workload)} image updated`;
    case "rolloutUndo":
      return `${workloadName(intent.workload)} rolled back`;
    case "rolloutRestart":
      return `${workloadName(intent.workload)} restarted`;
    case "createReplicaSet":
      return `replicaset.apps created for ${workloadName(intent.workload)}`;
    case "adoptPod":
      return `pod/${splitKey(intent.pod)[1]} configured`;
    case "updateStatefulPod":
      return `pod/${splitKey(intent.pod)[1]} configured`;
    case "labelPod": {
      const name = splitKey(intent.pod)[1];
      const values = Object.values(intent.labels);
      return values.length > 0 && values.every((v) => v === null)
        ? `pod/${name} unlabeled`
        : `pod/${name} labeled`;
    }
    case "recreateService":
      return `service/${splitKey(intent.service)[1]} created`;
    case "updateEndpoints":
      return `endpoints/${splitKey(intent.service)[1]} configured`;
    case "registerDns":
      return `service/${splitKey(intent.service)[1]} unchanged`;
  }
}
