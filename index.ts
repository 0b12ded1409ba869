// The library's public surface: constructs, stacks, the environment file and the policy.
// Only re-exports; importing it loads no provider package root.
export * from "./constructs/cloud-service-mesh";
export * from "./constructs/cluster-admin-binding";
export * from "./constructs/cluster-connection";
export * from "./constructs/cluster-network";
export * from "./constructs/gke-cluster";
export * from "./constructs/istio-helm-install";
export * from "./constructs/istio-revisions";
export * from "./constructs/mesh-peer-authentication";
export * from "./constructs/node-pool";
export * from "./constructs/node-service-account";
export * from "./constructs/sidecar-injection";
export * from "./constructs/webhook-firewall";
export * from "./stacks/cluster-stack";
export * from "./stacks/mesh-stack";
export * from "./stacks/environment-stacks";
export * from "./config/load";
export * from "./config/schema";
export * from "./config/istio-versions";
export * from "./policy/check-policy";
export * from "./policy/policy-aspect";
export * from "./policy/rules";
export * from "./stacks/synth-environment";
export * from "./config/istio-releases";
export * from "./constructs/istio-images";
export * from "./facts/istio-hosting";
export * from "./facts/istio-releases";
