/**
 * Every control loop, in the order a tick runs them. Order matters only for how fast a
 * change travels within one tick; each loop is level-based and converges regardless.
 */
import type { ControlLoop } from "../loop";
import { daemonSetController } from "./daemonset";
import { deploymentController } from "./deployment";
import { dnsController } from "./dns";
import { endpointsController } from "./endpoints";
import { garbageCollector } from "./garbage-collector";
import { jobController } from "./job";
import { kubelet } from "./kubelet";
import { nodeLifecycleController } from "./node-lifecycle";
import { persistentVolumeBinder } from "./persistentvolume";
import { replicaSetController } from "./replicaset";
import { scheduler } from "./scheduler";
import { serviceRecreateController } from "./service-recreate";
import { statefulSetController } from "./statefulset";
import { volumeAttachController } from "./volume-attach";

/** The loops issue 2 built the core on; the bench compares their cost with all loops'. */
export const CORE_LOOP_NAMES: readonly string[] = [
  "garbage-collector",
  "deployment",
  "replicaset",
  "statefulset",
  "persistentvolume",
  "scheduler",
  "kubelet",
  "endpoints",
  "dns",
];

/** The loops of a tick, in order. */
export const CONTROL_LOOPS: readonly ControlLoop[] = [
  nodeLifecycleController,
  garbageCollector,
  deploymentController,
  replicaSetController,
  statefulSetController,
  daemonSetController,
  jobController,
  persistentVolumeBinder,
  volumeAttachController,
  scheduler,
  kubelet,
  serviceRecreateController,
  endpointsController,
  dnsController,
];
