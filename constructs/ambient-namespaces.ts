import { ITerraformDependable, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { Labels } from "@cdktf/provider-kubernetes/lib/labels";
import { KeptNamespaces, legacyNamespaceAddress } from "./kept-namespaces";
import { EXISTING_NAMESPACES } from "./sidecar-injection";
import { Waypoint } from "./waypoint";

/** The label that enrols a namespace in ambient mode (istio.io, "Add workloads to the mesh"). */
export const AMBIENT_LABEL: Readonly<Record<string, string>> = {
  "istio.io/dataplane-mode": "ambient",
};
/** The label that sends a namespace's traffic through a waypoint. */
export const USE_WAYPOINT_LABEL = "istio.io/use-waypoint";

export interface AmbientNamespace {
  readonly name: string;
  /** A namespace waypoint named "waypoint", used by the whole namespace. @default false */
  readonly waypoint?: boolean;
  /** Create it when missing, never to be deleted (KeptNamespaces); else it must exist. @default false */
  readonly create?: boolean;
}

export interface AmbientNamespacesProps {
  /** The namespaces to enrol. */
  readonly namespaces: AmbientNamespace[];
  /** Namespaces that exist in every cluster, which `create` must not name. @default EXISTING_NAMESPACES */
  readonly existingNamespaces?: readonly string[];
  /** For the namespaces and labels. @default - the stack's kubernetes provider */
  readonly provider?: TerraformProvider;
  /** For the waypoint releases and the created namespaces' release. @default - the stack's helm provider */
  readonly helmProvider?: TerraformProvider;
  /** What the namespaces wait for: the node agents (ztunnel). @default [] */
  readonly dependsOn?: ITerraformDependable[];
  /** What the waypoints wait for besides their namespace: istiod. @default [] */
  readonly waypointDependsOn?: ITerraformDependable[];
}

/**
 * Namespaces in the ambient data plane: `istio.io/dataplane-mode=ambient` on each (`kubernetes_labels`),
 * created first when `create` asks (and never deleted: KeptNamespaces). Never `istio-injection`: a pod with a
 * sidecar is skipped by ambient. Running pods join without a restart. A namespace with
 * `waypoint` also gets a Waypoint and `istio.io/use-waypoint=waypoint`.
 */
export class AmbientNamespaces extends Construct {
  readonly waypoints: Waypoint[] = [];
  /** The created namespaces' release, when any entry has `create`. */
  readonly created?: KeptNamespaces;
  /** Where earlier releases of this tool kept created namespaces (see legacyNamespaceAddress). */
  readonly legacyAddresses: string[] = [];

  constructor(scope: Construct, id: string, props: AmbientNamespacesProps) {
    super(scope, id);
    const existing = new Set(props.existingNamespaces ?? EXISTING_NAMESPACES);
    const seen = new Set<string>();
    for (const { name, create } of props.namespaces) {
      if (seen.has(name)) throw new Error(`'namespaces' lists '${name}' twice`);
      if (create && existing.has(name))
        throw new Error(`'create' names '${name}', which exists in every cluster`);
      seen.add(name);
    }
    const toCreate = props.namespaces.filter((n) => n.create).map((n) => n.name);
    if (toCreate.length > 0) {
      this.created = new KeptNamespaces(this, "Created", {
        namespaces: toCreate,
        provider: props.helmProvider,
      });
    }
    for (const { name, waypoint, create } of props.namespaces) {
      const labels = {
        ...AMBIENT_LABEL,
        ...(waypoint ? { [USE_WAYPOINT_LABEL]: "waypoint" } : {}),
      };
      const namespace = new Labels(this, name, {
        provider: props.provider,
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name },
        labels,
        dependsOn: create ? [...(props.dependsOn ?? []), this.created!.resource] : props.dependsOn,
      });
      this.legacyAddresses.push(legacyNamespaceAddress(namespace.friendlyUniqueId));
      if (waypoint) {
        this.waypoints.push(
          new Waypoint(this, `Waypoint-${name}`, {
            namespace: name,
            provider: props.helmProvider,
            dependsOn: [...(props.waypointDependsOn ?? []), namespace],
          }),
        );
      }
    }
  }
}
