/** Scenario files the scenario tests share. */

/** A minimal valid custom scenario: one namespace, three tiers of one pod each. */
export const TINY = `apiVersion: reconcile.game/v1
kind: Scenario
metadata: { name: tiny }
spec:
  description: A tiny shop.
  nodes: { count: 2, allocatable: { cpu: "1", memory: 2Gi, pods: 20 } }
  traffic:
    requestsPerSecond: 5
    namespace: web
    entryService: front
    upstreamEnv: UPSTREAM
    tiers:
      nginx: { selector: { app: front }, podCapacity: 40 }
      tomcat: { selector: { app: back }, podCapacity: 25 }
      mysql: { selector: { app: db }, podCapacity: 60 }
---
apiVersion: v1
kind: Namespace
metadata: { name: web }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: front, namespace: web }
spec:
  selector: { matchLabels: { app: front } }
  template:
    metadata: { labels: { app: front } }
    spec:
      containers:
        - name: front
          image: nginx:1.25
          env: [{ name: UPSTREAM, value: "back:8080" }]
          resources: { requests: { cpu: 100m, memory: 64Mi } }
---
apiVersion: v1
kind: Service
metadata: { name: front, namespace: web }
spec:
  type: NodePort
  selector: { app: front }
  ports: [{ port: 80, nodePort: 30081 }]
`;
