import { NETWORK_LABEL } from "../facts/istio-multicluster";

/** Where one cluster sits in a multi-cluster mesh (facts/istio-multicluster.ts, MESH_MEMBER_VALUES). */
export interface MeshMembership {
  /** The mesh's ID, the same in every member: global.meshID. */
  readonly meshId: string;
  /** This cluster's name in the mesh, unique among the members: global.multiCluster.clusterName. */
  readonly clusterName: string;
  /**
   * This cluster's network: global.network, and the `topology.istio.io/network` label of
   * istio-system. Members on one network reach each other's pods directly; members on different
   * networks go through east-west gateways. @default - the cluster name (a network of its own)
   */
  readonly network?: string;
}

/** A DNS label: what Istio puts in labels, annotations and Secret names (istio-remote-secret-<cluster>). */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Words Helm's YAML 1.1 reads as booleans: a network or cluster so named would reach the charts as one. */
const YAML_BOOLEANS = /^(y|yes|n|no|on|off|true|false)$/;

/** The membership with its defaults filled in, checked: throws on a value Istio cannot carry. */
export function meshMembership(props: MeshMembership): Required<MeshMembership> {
  const network = props.network ?? props.clusterName;
  for (const [prop, value] of [
    ["meshId", props.meshId],
    ["clusterName", props.clusterName],
    ["network", network],
  ] as const) {
    if (typeof value !== "string" || !DNS_LABEL.test(value)) {
      throw new Error(
        `'${prop}' must be a DNS label (lower-case letters, digits and '-', at most 63), got '${value}'`,
      );
    }
    if (YAML_BOOLEANS.test(value)) {
      throw new Error(
        `'${prop}' must not be a word that Helm's YAML reads as a boolean (y, yes, n, no, on, off, true, false), got '${value}'`,
      );
    }
  }
  return { meshId: props.meshId, clusterName: props.clusterName, network };
}

/**
 * The istiod values of a member: the mesh's `meshID`, the cluster's own `clusterName` and `network`
 * (Istio's multi-primary install sets exactly these three). Injected proxies and gateways take them
 * from istiod, so no other chart needs them.
 */
export function meshMemberValues(props: MeshMembership): Record<string, unknown> {
  const member = meshMembership(props);
  return {
    global: {
      meshID: member.meshId,
      multiCluster: { clusterName: member.clusterName },
      network: member.network,
    },
  };
}

/** The labels of istio-system in a member: its default network. */
export function meshMemberNamespaceLabels(props: MeshMembership): Record<string, string> {
  return { [NETWORK_LABEL]: meshMembership(props).network };
}
