import { ITerraformDependable, TerraformProvider, Token } from "cdktf";
import { Construct } from "constructs";
import { GoogleGkeHubFeature } from "@cdktf/provider-google-beta/lib/google-gke-hub-feature";
import { GoogleGkeHubFeatureMembership } from "@cdktf/provider-google-beta/lib/google-gke-hub-feature-membership";

/** The fleet feature of Cloud Service Mesh; one per fleet project, always at location "global". */
export const SERVICE_MESH_FEATURE = "servicemesh";

/**
 * APIs the managed mesh needs besides compute and container. The CSM provisioning guide
 * (cloud.google.com/service-mesh/docs/onboarding/provision-control-plane) enables only
 * mesh.googleapis.com, which turns on meshconfig, meshca, gkehub, trafficdirector and others
 * transitively; gkehub and meshconfig are named too, because the fleet resources call gkehub
 * directly and Google's Terraform sample (terraform-docs-samples, gke_autopilot_mesh) enables meshconfig.
 */
export const SERVICE_MESH_APIS = [
  "mesh.googleapis.com",
  "meshconfig.googleapis.com",
  "gkehub.googleapis.com",
] as const;

export type MeshManagement = "MANAGEMENT_AUTOMATIC" | "MANAGEMENT_MANUAL";

/** The cluster label the Cloud Service Mesh console views group clusters by: `mesh_id = proj-<project number>`. */
export function meshIdLabel(projectNumber: string): Record<string, string> {
  return { mesh_id: `proj-${projectNumber}` };
}

export interface CloudServiceMeshProps {
  /** Fleet host project id. */
  readonly project: string;
  /**
   * The cluster's fleet membership id. With `fleet { project }` on the cluster, GKE creates the
   * membership itself: use `cluster.fleet.membershipId` (the cluster name).
   */
  readonly membershipId: string;
  /**
   * Where the membership lives: the cluster's region for a cluster registered at creation
   * ("born in fleet"; the region of the zone for a zonal cluster), "global" for older ones.
   * Use `cluster.fleet.membershipLocation`.
   */
  readonly membershipLocation: string;
  /** The google-beta provider the hub resources are routed to. @default - the stack's google-beta provider */
  readonly provider?: TerraformProvider;
  /**
   * Create the project-wide `servicemesh` feature. Only one environment per fleet project may
   * own it; the others set false and are deployed after the owner. @default true
   */
  readonly createFeature?: boolean;
  /**
   * Refuse to destroy the feature (`prevent_destroy`), because other environments' memberships
   * depend on it: destroying the owner's stack would turn Cloud Service Mesh off for all of them.
   * Set when the owner shares the fleet project with other cloud-service-mesh environments.
   * @default false
   */
  readonly keepFeature?: boolean;
  /** @default "MANAGEMENT_AUTOMATIC" (Google runs the control plane and upgrades the proxies) */
  readonly management?: MeshManagement;
  /** Resources to create first, such as enabled APIs and the registered cluster. @default [] */
  readonly dependsOn?: ITerraformDependable[];
}

export const MANAGEMENT = ["MANAGEMENT_AUTOMATIC", "MANAGEMENT_MANUAL"];

/**
 * Managed Cloud Service Mesh for one fleet member: the fleet's `servicemesh` feature
 * (optional, project-wide) and the member's feature membership with `mesh { management }`.
 * Wiring follows Google's Terraform sample for the fleet API: membership and
 * membership_location from the cluster's `fleet[0]` outputs (provider issue
 * hashicorp/terraform-provider-google#16795: a born-in-fleet membership is regional, and
 * `google_gke_hub_feature_membership` points to "global" unless `membership_location` is set).
 */
export class CloudServiceMesh extends Construct {
  /** The feature membership. */
  readonly resource: GoogleGkeHubFeatureMembership;
  /** The fleet feature, when this construct owns it. */
  readonly feature?: GoogleGkeHubFeature;

  constructor(scope: Construct, id: string, props: CloudServiceMeshProps) {
    super(scope, id);
    const management = props.management ?? "MANAGEMENT_AUTOMATIC";
    if (!Token.isUnresolved(management) && !MANAGEMENT.includes(management)) {
      throw new Error(
        `'management' must be one of ${MANAGEMENT.join(", ")}, got '${props.management}'`,
      );
    }
    if (props.createFeature ?? true) {
      this.feature = new GoogleGkeHubFeature(this, "Feature", {
        provider: props.provider,
        project: props.project,
        name: SERVICE_MESH_FEATURE,
        location: "global",
        dependsOn: props.dependsOn,
        ...(props.keepFeature ? { lifecycle: { preventDestroy: true } } : {}),
      });
    }
    this.resource = new GoogleGkeHubFeatureMembership(this, "Resource", {
      provider: props.provider,
      project: props.project,
      location: "global",
      // A reference when this construct owns the feature, so Terraform orders the two.
      feature: this.feature?.name ?? SERVICE_MESH_FEATURE,
      membership: props.membershipId,
      membershipLocation: props.membershipLocation,
      mesh: { management },
      dependsOn: props.dependsOn,
    });
  }
}
