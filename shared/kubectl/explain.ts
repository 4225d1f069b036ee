/**
 * `kubectl explain TYPE[.field.path]` for the game's kinds: the fields the game models,
 * with their types and Kubernetes' own one-line descriptions, laid out as kubectl 1.3x's
 * plaintext template prints them (KIND, VERSION, FIELD, DESCRIPTION, FIELDS). Fields a
 * real API has but the game ignores are not listed: what is here is what the game reads.
 */
import { resourceType, type ResourceType } from "./resources";
import { fail, ok, type Context, type KubectlRun } from "./result";

/** A field: its type as explain writes it, a description, and its own fields. */
interface Field {
  type: string;
  description: string;
  fields?: Record<string, Field>;
  required?: boolean;
}

const f = (type: string, description: string, fields?: Record<string, Field>): Field => ({
  type,
  description,
  ...(fields ? { fields } : {}),
});
const req = (field: Field): Field => ({ ...field, required: true });

const LABELS = f(
  "map[string]string",
  "Map of string keys and values that can be used to organize and categorize (scope and select) objects.",
);
const METADATA = f("ObjectMeta", "Standard object's metadata.", {
  name: f("string", "Name must be unique within a namespace."),
  namespace: f("string", "Namespace defines the space within which each name must be unique."),
  labels: LABELS,
  annotations: f("map[string]string", "Annotations is an unstructured key value map stored with a resource."),
  uid: f("string", "UID is the unique in time and space value for this object."),
  ownerReferences: f(
    "[]OwnerReference",
    "List of objects depended by this object; the one with controller=true manages it.",
  ),
  creationTimestamp: f(
    "string",
    "CreationTimestamp is a timestamp representing the server time when this object was created.",
  ),
  deletionTimestamp: f(
    "string",
    "DeletionTimestamp is RFC 3339 date and time at which this resource will be deleted.",
  ),
  resourceVersion: f("string", "An opaque value that represents the internal version of this object."),
});
const CONTAINER = f("[]Container", "List of containers belonging to the pod.", {
  name: req(f("string", "Name of the container specified as a DNS_LABEL.")),
  image: f("string", "Container image name."),
  ports: f("[]ContainerPort", "List of ports to expose from the container.", {
    containerPort: req(f("integer", "Number of port to expose on the pod's IP address.")),
    name: f("string", "A named port that can be referred to by services."),
    protocol: f("string", 'Protocol for port. Must be UDP, TCP, or SCTP. Defaults to "TCP".'),
  }),
  env: f("[]EnvVar", "List of environment variables to set in the container.", {
    name: req(f("string", "Name of the environment variable.")),
    value: f("string", "Variable value."),
  }),
  resources: f("ResourceRequirements", "Compute Resources required by this container.", {
    requests: f(
      "map[string]Quantity",
      "Requests describes the minimum amount of compute resources required; the scheduler adds them up.",
    ),
  }),
  volumeMounts: f("[]VolumeMount", "Pod volumes to mount into the container's filesystem.", {
    name: req(f("string", "This must match the Name of a Volume.")),
    mountPath: req(f("string", "Path within the container at which the volume should be mounted.")),
  }),
});
const POD_SPEC = f("PodSpec", "Specification of the desired behavior of the pod.", {
  containers: req(CONTAINER),
  nodeName: f(
    "string",
    "NodeName indicates in which node this pod is scheduled; the scheduler sets it through a Binding.",
  ),
  restartPolicy: f("string", "Restart policy for all containers within the pod: Always, OnFailure, Never."),
  tolerations: f("[]Toleration", "If specified, the pod's tolerations.", {
    key: f("string", "Key is the taint key that the toleration applies to."),
    operator: f("string", "Operator represents a key's relationship to the value: Exists or Equal."),
    value: f("string", "Value is the taint value the toleration matches to."),
    effect: f(
      "string",
      "Effect indicates the taint effect to match: NoSchedule, PreferNoSchedule, NoExecute.",
    ),
    tolerationSeconds: f("integer", "How long a pod tolerating a NoExecute taint stays bound to the node."),
  }),
  volumes: f("[]Volume", "List of volumes that can be mounted by containers belonging to the pod.", {
    name: req(f("string", "Name of the volume.")),
    persistentVolumeClaim: f(
      "PersistentVolumeClaimVolumeSource",
      "A reference to a PersistentVolumeClaim in the same namespace.",
      {
        claimName: req(
          f("string", "ClaimName is the name of a PersistentVolumeClaim in the same namespace."),
        ),
      },
    ),
  }),
  hostname: f("string", "Specifies the hostname of the Pod."),
  subdomain: f(
    "string",
    "The pod's subdomain: with a headless Service of that name, its DNS name is <hostname>.<subdomain>.<namespace>.svc.",
  ),
});
const TEMPLATE = f("PodTemplateSpec", "Template describes the pods that will be created.", {
  metadata: f("ObjectMeta", "Standard object's metadata.", { labels: LABELS }),
  spec: POD_SPEC,
});
const SELECTOR = f("LabelSelector", "A label query over pods; it must match the pod template's labels.", {
  matchLabels: f("map[string]string", "matchLabels is a map of {key,value} pairs."),
});
const CONDITIONS = f(
  "[]Condition",
  "Represents the latest available observations of the object's current state.",
  {
    type: req(f("string", "Type of condition.")),
    status: req(f("string", "Status of the condition, one of True, False, Unknown.")),
    reason: f("string", "The reason for the condition's last transition."),
    message: f("string", "A human readable message indicating details about the transition."),
    lastTransitionTime: f("string", "Last time the condition transitioned from one status to another."),
  },
);

/** The schema of each kind, with its description. */
const KINDS: Record<string, { description: string; fields: Record<string, Field> }> = {
  Pod: {
    description:
      "Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.",
    fields: {
      spec: POD_SPEC,
      status: f("PodStatus", "Most recently observed status of the pod.", {
        phase: f("string", "The phase of a Pod: Pending, Running, Succeeded, Failed, Unknown."),
        podIP: f("string", "IP address allocated to the pod (from the node's podCIDR)."),
        hostIP: f("string", "IP address of the host to which the pod is assigned."),
        conditions: CONDITIONS,
        containerStatuses: f(
          "[]ContainerStatus",
          "The status of each container: its state (waiting, running, terminated), readiness and restarts.",
        ),
      }),
    },
  },
  Node: {
    description: "Node is a worker node in Kubernetes.",
    fields: {
      spec: f("NodeSpec", "Spec defines the behavior of a node.", {
        podCIDR: f("string", "PodCIDR represents the pod IP range assigned to the node."),
        unschedulable: f(
          "boolean",
          "Unschedulable controls node schedulability of new pods (kubectl cordon sets it).",
        ),
        taints: f("[]Taint", "If specified, the node's taints."),
      }),
      status: f("NodeStatus", "Most recently observed status of the node.", {
        addresses: f("[]NodeAddress", "List of addresses reachable to the node."),
        capacity: f("map[string]Quantity", "Capacity represents the total resources of a node."),
        allocatable: f(
          "map[string]Quantity",
          "Allocatable represents the resources of a node that are available for scheduling.",
        ),
        conditions: CONDITIONS,
      }),
    },
  },
  Namespace: {
    description: "Namespace provides a scope for Names.",
    fields: {
      status: f("NamespaceStatus", "Status describes the current status of a Namespace.", {
        phase: f("string", "Phase is the current lifecycle phase of the namespace."),
      }),
    },
  },
  Service: {
    description:
      "Service is a named abstraction of software service (for example, mysql) consisting of local port (for example 3306) that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy.",
    fields: {
      spec: f("ServiceSpec", "Spec defines the behavior of a service.", {
        type: f(
          "string",
          "type determines how the Service is exposed: ClusterIP, NodePort, LoadBalancer, ExternalName.",
        ),
        clusterIP: f("string", 'clusterIP is the IP address of the service; "None" makes it headless.'),
        selector: f(
          "map[string]string",
          "Route service traffic to pods with label keys and values matching this selector.",
        ),
        ports: f("[]ServicePort", "The list of ports that are exposed by this service.", {
          port: req(f("integer", "The port that will be exposed by this service.")),
          targetPort: f(
            "IntOrString",
            "Number or name of the port to access on the pods targeted by the service.",
          ),
          nodePort: f(
            "integer",
            "The port on each node on which this service is exposed when type is NodePort.",
          ),
          protocol: f("string", "The IP protocol for this port."),
          name: f("string", "The name of this port within the service."),
        }),
        publishNotReadyAddresses: f(
          "boolean",
          "Publish the addresses of pods that are not ready in the endpoints.",
        ),
      }),
    },
  },
  Endpoints: {
    description:
      "Endpoints is a collection of endpoints that implement the actual service (deprecated in v1.33+ for EndpointSlice).",
    fields: {
      subsets: f("[]EndpointSubset", "The set of all endpoints is the union of all subsets.", {
        addresses: f(
          "[]EndpointAddress",
          "IP addresses which offer the related ports and are marked as ready.",
        ),
        notReadyAddresses: f(
          "[]EndpointAddress",
          "IP addresses which offer the related ports but are not currently marked as ready.",
        ),
        ports: f("[]EndpointPort", "Port numbers available on the related IP addresses."),
      }),
    },
  },
  EndpointSlice: {
    description:
      "EndpointSlice represents a set of service endpoints. The EndpointSlice controller writes them for every Service with a selector.",
    fields: {
      addressType: req(
        f("string", "addressType specifies the type of address carried by this EndpointSlice."),
      ),
      endpoints: f("[]Endpoint", "endpoints is a list of unique endpoints in this slice.", {
        addresses: req(f("[]string", "addresses of this endpoint.")),
        conditions: f(
          "EndpointConditions",
          "conditions contains information about the current status of the endpoint (ready, serving, terminating).",
        ),
        nodeName: f("string", "nodeName represents the name of the Node hosting this endpoint."),
        targetRef: f(
          "ObjectReference",
          "targetRef is a reference to a Kubernetes object that represents this endpoint.",
        ),
      }),
      ports: f(
        "[]EndpointPort",
        "ports specifies the list of network ports exposed by each endpoint in this slice.",
      ),
    },
  },
  Deployment: {
    description: "Deployment enables declarative updates for Pods and ReplicaSets.",
    fields: {
      spec: f("DeploymentSpec", "Specification of the desired behavior of the Deployment.", {
        replicas: f("integer", "Number of desired pods. Defaults to 1."),
        selector: req(SELECTOR),
        template: req(TEMPLATE),
        strategy: f(
          "DeploymentStrategy",
          "The deployment strategy to use to replace existing pods with new ones.",
          {
            type: f("string", "Type of deployment: Recreate or RollingUpdate."),
            rollingUpdate: f("RollingUpdateDeployment", "Rolling update config params.", {
              maxSurge: f(
                "IntOrString",
                "The maximum number of pods that can be scheduled above the desired number of pods.",
              ),
              maxUnavailable: f(
                "IntOrString",
                "The maximum number of pods that can be unavailable during the update.",
              ),
            }),
          },
        ),
        revisionHistoryLimit: f("integer", "The number of old ReplicaSets to retain to allow rollback."),
      }),
      status: f("DeploymentStatus", "Most recently observed status of the Deployment.", {
        replicas: f("integer", "Total number of non-terminating pods targeted by this deployment."),
        updatedReplicas: f(
          "integer",
          "Total number of non-terminating pods that have the desired template spec.",
        ),
        readyReplicas: f("integer", "Total number of non-terminating pods with a Ready Condition."),
        availableReplicas: f("integer", "Total number of available non-terminating pods."),
        conditions: CONDITIONS,
      }),
    },
  },
  ReplicaSet: {
    description: "ReplicaSet ensures that a specified number of pod replicas are running at any given time.",
    fields: {
      spec: f("ReplicaSetSpec", "Spec defines the specification of the desired behavior of the ReplicaSet.", {
        replicas: f("integer", "Replicas is the number of desired pods."),
        selector: req(SELECTOR),
        template: TEMPLATE,
      }),
      status: f("ReplicaSetStatus", "Status is the most recently observed status of the ReplicaSet.", {
        replicas: req(f("integer", "Replicas is the most recently observed number of non-terminating pods.")),
        readyReplicas: f(
          "integer",
          "The number of non-terminating pods targeted by this ReplicaSet with a Ready Condition.",
        ),
        availableReplicas: f("integer", "The number of available non-terminating pods."),
      }),
    },
  },
  StatefulSet: {
    description:
      "StatefulSet represents a set of pods with consistent identities: stable names, stable storage.",
    fields: {
      spec: f("StatefulSetSpec", "Spec defines the desired identities of pods in this set.", {
        replicas: f("integer", "replicas is the desired number of replicas of the given Template."),
        serviceName: f(
          "string",
          "serviceName is the name of the headless service that governs this StatefulSet.",
        ),
        selector: req(SELECTOR),
        template: req(TEMPLATE),
        volumeClaimTemplates: f(
          "[]PersistentVolumeClaim",
          "A list of claims that pods are allowed to reference; each pod gets its own.",
        ),
        podManagementPolicy: f("string", "OrderedReady (one at a time, in order) or Parallel."),
        updateStrategy: f(
          "StatefulSetUpdateStrategy",
          "How pods are updated when the template changes: RollingUpdate or OnDelete.",
        ),
      }),
      status: f("StatefulSetStatus", "Status is the current status of Pods in this StatefulSet.", {
        replicas: req(f("integer", "replicas is the number of Pods created by the StatefulSet controller.")),
        readyReplicas: f(
          "integer",
          "readyReplicas is the number of pods created for this StatefulSet with a Ready Condition.",
        ),
        currentReplicas: f(
          "integer",
          "currentReplicas is the number of Pods created from the currentRevision.",
        ),
      }),
    },
  },
  DaemonSet: {
    description: "DaemonSet represents the configuration of a daemon set: one pod on every eligible node.",
    fields: {
      spec: f("DaemonSetSpec", "The desired behavior of this daemon set.", {
        selector: req(SELECTOR),
        template: req(TEMPLATE),
      }),
      status: f("DaemonSetStatus", "The current status of this daemon set.", {
        desiredNumberScheduled: req(
          f("integer", "The total number of nodes that should be running the daemon pod."),
        ),
        currentNumberScheduled: req(
          f("integer", "The number of nodes that are running at least 1 daemon pod and are supposed to."),
        ),
        numberReady: req(
          f(
            "integer",
            "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition.",
          ),
        ),
        numberMisscheduled: req(
          f("integer", "The number of nodes that are running the daemon pod, but are not supposed to."),
        ),
      }),
    },
  },
  Job: {
    description: "Job represents the configuration of a single job: pods run to completion, with retries.",
    fields: {
      spec: f("JobSpec", "Specification of the desired behavior of a job.", {
        completions: f(
          "integer",
          "Specifies the desired number of successfully finished pods the job should be run with.",
        ),
        parallelism: f(
          "integer",
          "Specifies the maximum desired number of pods the job should run at any given time.",
        ),
        backoffLimit: f("integer", "Specifies the number of retries before marking this job failed."),
        template: req(TEMPLATE),
      }),
      status: f("JobStatus", "Current status of a job.", {
        active: f("integer", "The number of pending and running pods which are not terminating."),
        succeeded: f("integer", "The number of pods which reached phase Succeeded."),
        failed: f("integer", "The number of pods which reached phase Failed."),
        startTime: f("string", "Represents time when the job controller started processing a job."),
        completionTime: f("string", "Represents time when the job was completed."),
        conditions: CONDITIONS,
      }),
    },
  },
  PersistentVolumeClaim: {
    description: "PersistentVolumeClaim is a user's request for and claim to a persistent volume.",
    fields: {
      spec: f(
        "PersistentVolumeClaimSpec",
        "spec defines the desired characteristics of a volume requested by a pod author.",
        {
          accessModes: f("[]string", "accessModes contains the desired access modes the volume should have."),
          resources: f(
            "VolumeResourceRequirements",
            "resources represents the minimum resources the volume should have.",
          ),
          volumeName: f(
            "string",
            "volumeName is the binding reference to the PersistentVolume backing this claim.",
          ),
        },
      ),
      status: f(
        "PersistentVolumeClaimStatus",
        "status represents the current information/status of a persistent volume claim.",
        {
          phase: f(
            "string",
            "phase represents the current phase of PersistentVolumeClaim: Pending, Bound, Lost.",
          ),
        },
      ),
    },
  },
  Event: {
    description: "Event is a report of an event somewhere in the cluster.",
    fields: {
      involvedObject: req(f("ObjectReference", "The object that this event is about.")),
      reason: f(
        "string",
        "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
      ),
      message: f("string", "A human-readable description of the status of this operation."),
      type: f("string", "Type of this event (Normal, Warning)."),
      lastTimestamp: f("string", "The time at which the most recent occurrence of this event was recorded."),
    },
  },
};

/** Every kind has apiVersion, kind and metadata. */
function topFields(kind: string): Record<string, Field> {
  return {
    apiVersion: f("string", "APIVersion defines the versioned schema of this representation of an object."),
    kind: f("string", "Kind is a string value representing the REST resource this object represents."),
    metadata: METADATA,
    ...KINDS[kind]!.fields,
  };
}

/** Wraps text at 80 columns with the given indent, as kubectl's template does. */
function wrap(text: string, indent: string): string {
  const words = text.split(" ");
  const lines: string[] = [];
  let cur = "";
  for (const w of words) {
    if (cur !== "" && indent.length + cur.length + 1 + w.length > 80) {
      lines.push(cur);
      cur = w;
    } else cur = cur === "" ? w : `${cur} ${w}`;
  }
  if (cur !== "") lines.push(cur);
  return lines.map((l) => `${indent}${l}\n`).join("");
}

/** The `FIELDS:` list: `  name\t<type> -required-` then the description. */
function fieldsText(fields: Record<string, Field>): string {
  return Object.keys(fields)
    .sort()
    .map((k) => {
      const fl = fields[k]!;
      return `  ${k}\t<${fl.type}>${fl.required ? " -required-" : ""}\n${wrap(fl.description, "    ")}`;
    })
    .join("\n");
}

/** `kubectl explain`. */
export function runExplain(ctx: Context): KubectlRun {
  const arg = ctx.cmd.args[0];
  if (arg === undefined)
    return fail(
      `You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee 'kubectl explain -h' for help and examples`,
    );
  const [word = "", ...path] = arg.split(".");
  const type: ResourceType | undefined = resourceType(word);
  if (!type || !KINDS[type.kind]) return fail(`error: the server doesn't have a resource type "${word}"`);
  const head = `KIND:       ${type.kind}\nVERSION:    ${type.apiVersion}\n\n`;
  if (path.length === 0)
    return ok(
      `${head}DESCRIPTION:\n${wrap(KINDS[type.kind]!.description, "    ")}    \nFIELDS:\n${fieldsText(topFields(type.kind))}\n`,
    );
  let fields: Record<string, Field> | undefined = topFields(type.kind);
  let field: Field | undefined;
  for (const p of path) {
    field = fields?.[p];
    if (!field) return fail(`error: field "${p}" does not exist`);
    fields = field.fields;
  }
  const last = path[path.length - 1]!;
  return ok(
    `${head}FIELD: ${last} <${field!.type}>\n\nDESCRIPTION:\n${wrap(field!.description, "    ")}    \n${
      fields ? `FIELDS:\n${fieldsText(fields)}\n` : ""
    }`,
  );
}
