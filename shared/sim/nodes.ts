/**
 * Nodes as the cluster gets them: a Node object with its InternalIP on the node network
 * and its own podCIDR, plus the machine behind it. Used when a scenario brings its cluster
 * up and when chaos makes a node join later.
 */
import { newMeta } from "./apiserver";
import { nodeInternalIP, nodePodCIDR } from "./network";
import type { Node, ResourceList } from "./types";
import type { NodeNetworks, World } from "./world";

/** A scenario's nodes: how many, how big, and (optionally) the address ranges they are cut from. */
export interface NodePool extends NodeNetworks {
  count: number;
  allocatable: ResourceList & { pods: number };
}

/** A Node object for the node with this index, Ready, with its InternalIP and podCIDR. */
export function makeNode(world: World, index: number, nodes: NodePool): Node {
  const name = `node-${index + 1}`;
  const podCIDR = nodePodCIDR(index, nodes.clusterCIDR);
  const allocatable = nodes.allocatable;
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: newMeta(world, name, undefined, {
      "kubernetes.io/hostname": name,
      "kubernetes.io/os": "linux",
    }),
    spec: { podCIDR, podCIDRs: [podCIDR], taints: [] },
    status: {
      addresses: [
        { type: "InternalIP", address: nodeInternalIP(index, nodes.nodeNetwork) },
        { type: "Hostname", address: name },
      ],
      capacity: { ...allocatable },
      allocatable: { ...allocatable },
      conditions: [{ type: "Ready", status: "True", reason: "KubeletReady", lastTransitionTime: world.time }],
    },
  };
}

/** Adds a node (and its machine) to a world. */
export function addNode(world: World, index: number, nodes: NodePool): Node {
  const node = makeNode(world, index, nodes);
  world.machines[node.metadata.name] = { up: true, since: world.time };
  world.store.put(node);
  return node;
}
