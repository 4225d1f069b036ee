/**
 * The room state: a field-only projection of the simulated world plus the match around it.
 * No logic lives here (server/rooms/project.ts fills it); clients decode it by reflection.
 */
import { ArraySchema, MapSchema, Schema, type } from "@colyseus/schema";

/** A person in the match (keyed by sessionId, which survives reconnection). */
export class PlayerState extends Schema {
  @type("string") id: string = "";
  @type("string") name: string = "";
  /** A role name, or "" when watching. */
  @type("string") role: string = "";
  @type("boolean") connected: boolean = true;
  /** Points from the score: intents that restored reachability minus those that broke it. */
  @type("int32") points: number = 0;
  /** Intents of this player that restored reachability / hurt it (judged 5 s after each). */
  @type("uint16") restored: number = 0;
  @type("uint16") broke: number = 0;
  @type("boolean") isBot: boolean = false;
  /**
   * How events, kubectl lines and the score name this seat: the player's name (`Ada`), with
   * `#2`, `#3`… when a seat of this room already used it; a bot's is `<role>-bot`.
   */
  @type("string") actor: string = "";
}

/** Who plays a role and how (`manual` when a person holds it, else `autopilot`). */
export class RoleState extends Schema {
  @type("string") role: string = "";
  @type("string") mode: string = "autopilot";
  /** sessionId of the player holding it, or "". */
  @type("string") holder: string = "";
  /** Id (in `players`) of the bot playing it while no person holds it, or "". */
  @type("string") bot: string = "";
}

/** A Node: node network address, its pod CIDR, health. */
export class NodeView extends Schema {
  @type("string") name: string = "";
  @type("string") internalIP: string = "";
  @type("string") podCIDR: string = "";
  @type("boolean") ready: boolean = false;
  @type("boolean") cordoned: boolean = false;
  /** Whether the machine behind it is up (it may be up while the Node still says NotReady). */
  @type("boolean") up: boolean = true;
}

/** A Pod, flattened for drawing. Key is `namespace/name`. */
export class PodView extends Schema {
  @type("string") key: string = "";
  @type("string") name: string = "";
  @type("string") namespace: string = "";
  @type("string") node: string = "";
  @type("string") phase: string = "";
  @type("string") podIP: string = "";
  @type("boolean") ready: boolean = false;
  /** Waiting reason (`CrashLoopBackOff`), `Terminating`, or the pod's status reason. */
  @type("string") reason: string = "";
  /** Controlling owner as `Kind/namespace/name` (`ReplicaSet/shop/nginx-7c9f…`), or "". */
  @type("string") owner: string = "";
  /**
   * The workload a person acts on for this pod, `Kind/namespace/name`: the Deployment above
   * its ReplicaSet, else its owner (`StatefulSet/shop/mysql`), or "" for a bare pod.
   */
  @type("string") workload: string = "";
  /** Name of the pod's first container (what `kubectl set image` names). */
  @type("string") container: string = "";
  /** Image of the pod's first container. */
  @type("string") image: string = "";
  /** Container restarts (`kubectl get pods` RESTARTS). */
  @type("uint16") restarts: number = 0;
  /** Whether the pod is being deleted (metadata.deletionTimestamp set). */
  @type("boolean") terminating: boolean = false;
  /** `nginx` | `tomcat` | `mysql` | "" (from the scenario's tier selectors). */
  @type("string") tier: string = "";
  /** Labels as `k=v,k=v`, sorted by key. */
  @type("string") labels: string = "";
}

/** A Service. `selector` is `k=v,k=v`; `ports` is `80:30080/TCP,…` (port[:nodePort]/protocol). */
export class ServiceView extends Schema {
  @type("string") key: string = "";
  @type("string") name: string = "";
  @type("string") namespace: string = "";
  @type("string") type: string = "";
  @type("string") clusterIP: string = "";
  @type("string") selector: string = "";
  @type("string") ports: string = "";
  @type("uint16") nodePort: number = 0;
}

/** Endpoints of a Service: the Ready pod IPs and the pods they belong to (same order). */
export class EndpointsView extends Schema {
  @type("string") key: string = "";
  @type(["string"]) ips = new ArraySchema<string>();
  @type(["string"]) pods = new ArraySchema<string>();
}

/** A DNS A record as CoreDNS serves it; `changedAt` is the game time of the last change, -1 if none since bring-up. */
export class DnsRecordView extends Schema {
  @type("string") name: string = "";
  @type(["string"]) ips = new ArraySchema<string>();
  @type("float32") changedAt: number = 0;
}

/** A PersistentVolumeClaim. */
export class PvcView extends Schema {
  @type("string") key: string = "";
  @type("string") name: string = "";
  @type("string") namespace: string = "";
  @type("string") phase: string = "";
  @type("string") volumeName: string = "";
}

/** A workload (Deployment, ReplicaSet, StatefulSet, DaemonSet, Job); key `Kind/namespace/name`. */
export class WorkloadView extends Schema {
  @type("string") key: string = "";
  @type("string") kind: string = "";
  @type("string") name: string = "";
  @type("string") namespace: string = "";
  /** spec.replicas (DaemonSet: eligible nodes; Job: completions). */
  @type("int16") desired: number = 0;
  /** Pods of this workload that exist and are not terminating, counted from the pods themselves. */
  @type("int16") current: number = 0;
  /** Of those, the Ready ones (Job: succeeded), counted from the pods, not from a status a paused loop left stale. */
  @type("int16") ready: number = 0;
  /** Of those, the ones on the current template (the rollout's progress). */
  @type("int16") updated: number = 0;
  /** Image of the template's first container. */
  @type("string") image: string = "";
  /** Name of the template's first container (what `kubectl set image` names). */
  @type("string") container: string = "";
  /** Deployment: its ReplicaSet for the current template, `ReplicaSet/ns/name`, or "" before one exists. */
  @type("string") currentReplicaSet: string = "";
  /** ReplicaSet: its Deployment, `Deployment/ns/name`, or "". */
  @type("string") owner: string = "";
}

/** Availability (0..1) overall and per tier. */
export class AvailabilityView extends Schema {
  @type("float32") overall: number = 1;
  @type("float32") nginx: number = 1;
  @type("float32") tomcat: number = 1;
  @type("float32") mysql: number = 1;
  /**
   * Share of the 99 % SLO error budget left over the match window (1 = untouched, below 0 =
   * blown): the sim's `scoreOf(world, { windowSeconds: duration }).slo.errorBudget.remaining`.
   */
  @type("float32") errorBudget: number = 1;
}

/** A cluster event (`kubectl get events`); `seq` is its index in the world's event log. */
export class EventView extends Schema {
  @type("uint32") seq: number = 0;
  @type("float32") time: number = 0;
  @type("string") type: string = "";
  @type("string") object: string = "";
  @type("string") message: string = "";
  @type("string") severity: string = "";
}

/** Requests of the last second that took one path: hops are pod keys joined by `>`. */
export class HopView extends Schema {
  @type("string") hops: string = "";
  /** The tier the requests failed to reach, or "" when they succeeded. */
  @type("string") failedTier: string = "";
  @type("string") reason: string = "";
  @type("uint16") count: number = 0;
}

/** An incident: opened by a chaos event, closed when the request chain is healthy again. */
export class IncidentView extends Schema {
  /** Index in the match's incident list (stable). */
  @type("uint16") seq: number = 0;
  /** `type` or `type:target` of the chaos event (`pod-kill:shop/tomcat`). */
  @type("string") cause: string = "";
  /** `schedule` (the scenario's seeded chaos) or `injected` (the host). */
  @type("string") source: string = "";
  @type("float32") start: number = 0;
  /** Game second it closed, or -1 while open. */
  @type("float32") end: number = -1;
  /** Seconds to recover (end - start), or -1 while open. */
  @type("float32") mttr: number = -1;
  @type("boolean") open: boolean = true;
}

/** The team's running score (DESIGN §6). */
export class ScoreView extends Schema {
  /** One leaderboard number: availability first, then MTTR (see shared/sim/score.ts teamPoints). */
  @type("int32") teamPoints: number = 0;
  /** Mean time to recovery of the closed incidents in seconds, or -1 when none closed yet. */
  @type("float32") mttr: number = -1;
  @type("uint16") openIncidents: number = 0;
  /** Whether availability so far meets the 99 % SLO. */
  @type("boolean") sloMet: boolean = true;
}

/** A mark of the score's timeline: a chaos event, or an intent with the points it earned. */
export class MarkView extends Schema {
  @type("float32") time: number = 0;
  /** `chaos` | `intent`. */
  @type("string") kind: string = "";
  /** Chaos `type target`, or the intent type. */
  @type("string") label: string = "";
  /** The intent's actor (a player's `actor`), "" for chaos. */
  @type("string") actor: string = "";
  @type("boolean") ok: boolean = true;
  /** Points the intent earned (negative: cost); 0 for chaos or not judged yet. */
  @type("int32") points: number = 0;
}

/** The debrief: final score and the availability line with marks. */
export class DebriefView extends Schema {
  @type("float32") availability: number = 0;
  @type("uint32") requests: number = 0;
  @type("uint32") ok: number = 0;
  @type("int32") teamPoints: number = 0;
  /** Mean time to recovery (s), or -1 when no incident closed. */
  @type("float32") mttr: number = -1;
  /** Error budget left under the 99 % SLO over the match (1 untouched, ≤ 0 blown). */
  @type("float32") errorBudget: number = 1;
  @type("boolean") sloMet: boolean = true;
  /** Every incident of the match (capped at the last 200), with MTTR. */
  @type([IncidentView]) incidents = new ArraySchema<IncidentView>();
  /** The score's timeline marks: chaos and intents with their points (capped at the last 200). */
  @type([MarkView]) scoreMarks = new ArraySchema<MarkView>();
  /** Availability per game second (ok / requests, 1 when there were none). */
  @type(["float32"]) timeline = new ArraySchema<number>();
  /** Chaos and intent events of the match, for marks on the timeline (capped). */
  @type([EventView]) marks = new ArraySchema<EventView>();
}

/** The whole room state. */
export class MatchState extends Schema {
  @type("string") phase: string = "lobby";
  /** 1 for the first round, +1 at each restart (Play again): tells a new round from the old one. */
  @type("uint16") round: number = 1;
  @type("string") scenario: string = "";
  @type("uint32") seed: number = 0;
  @type("string") clock: string = "";
  @type("string") difficulty: string = "";
  /** Whether the scenario's seeded chaos schedule runs (false: a practice round, injections only). */
  @type("boolean") chaos: boolean = true;
  /** The room id players type to join. */
  @type("string") code: string = "";
  @type("string") hostId: string = "";
  /** A competition team: the facilitator runs the clock and the chaos (no seat starts or injects). */
  @type("boolean") facilitated: boolean = false;
  /** A competition team's name ("" outside a competition); the facilitator may rename it before the start. */
  @type("string") teamName: string = "";
  /** A competition team whose clock the facilitator paused (its game time stands still). */
  @type("boolean") paused: boolean = false;
  /** Game seconds since the match clock started. */
  @type("float32") time: number = 0;
  /** Length of the running phase in game seconds. */
  @type("uint16") duration: number = 0;
  @type({ map: PlayerState }) players = new MapSchema<PlayerState>();
  @type({ map: RoleState }) roles = new MapSchema<RoleState>();
  @type({ map: NodeView }) nodes = new MapSchema<NodeView>();
  @type({ map: PodView }) pods = new MapSchema<PodView>();
  @type({ map: ServiceView }) services = new MapSchema<ServiceView>();
  @type({ map: EndpointsView }) endpoints = new MapSchema<EndpointsView>();
  @type({ map: DnsRecordView }) dns = new MapSchema<DnsRecordView>();
  @type({ map: PvcView }) pvcs = new MapSchema<PvcView>();
  @type({ map: WorkloadView }) workloads = new MapSchema<WorkloadView>();
  @type(AvailabilityView) availability = new AvailabilityView();
  @type([EventView]) events = new ArraySchema<EventView>();
  /** Request paths of the last game second, keyed by `hops|failedTier|reason`. */
  @type({ map: HopView }) traffic = new MapSchema<HopView>();
  @type(ScoreView) score = new ScoreView();
  /** Incidents of the match, oldest first (the last 50). */
  @type([IncidentView]) incidents = new ArraySchema<IncidentView>();
  @type(DebriefView) debrief = new DebriefView();
  /** The world's stateHash at the last projection (for tests and desync checks). */
  @type("string") stateHash: string = "";
  /** The results store's id of the round being (or last) played: `#/replay/<id>`, a booth claim. "" before it runs. */
  @type("string") matchId: string = "";
}
