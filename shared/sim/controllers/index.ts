/**
 * Every control loop, in the order a tick runs them. Order matters only for how fast a
 * change travels within one tick; each loop is level-based and converges regardless.
 */
import type { ControlLoop } from "../loop";
import { deploymentController } from "./deployment";
import { dnsController } from "./dns";
import { endpointsController } from "./endpoints";
import { garbageCollector } from "./garbage-collector";
import { kubelet } from "./kubelet";
import { persistentVolumeBinder } from "./persistentvolume";
import { replicaSetController } from "./replicaset";
import { scheduler } from "./scheduler";
import { statefulSetController } from "./statefulset";

/** The loops of a tick, in order. */
export const CONTROL_LOOPS: readonly ControlLoop[] = [
  garbageCollector,
  deploymentController,
  replicaSetController,
  statefulSetController,
  persistentVolumeBinder,
  scheduler,
  kubelet,
  endpointsController,
  dnsController,
];
