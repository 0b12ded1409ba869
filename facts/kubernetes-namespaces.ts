/**
 * The namespaces Kubernetes starts every cluster with. Part of facts/, the lowest layer: it imports
 * nothing. Source: https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/
 * ("Initial namespaces": default, kube-node-lease, kube-public, kube-system; read 2026-12-02).
 */

/** Namespaces every cluster already has: they are labelled, never created (`create` refuses them). */
export const EXISTING_NAMESPACES = [
  "default",
  "kube-system",
  "kube-public",
  "kube-node-lease",
] as const;
