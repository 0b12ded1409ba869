import {
  DefaultTokenResolver,
  dependable,
  StringConcat,
  TerraformDataSource,
  TerraformResource,
  Tokenization,
} from "cdktf";
import { IConstruct } from "constructs";

/**
 * The Google APIs each resource type we generate calls, so that each waits for the
 * `google_project_service` that enables them (on a fresh project, a call to a disabled API fails
 * with "API has not been used in project ... before or it is disabled"). A test fails when a
 * stack holds a google resource type missing here. `serviceusage.googleapis.com`, which
 * `google_project_service` itself calls, is on in every project and cannot enable itself.
 */
export const APIS_BY_TYPE: Readonly<Record<string, readonly string[]>> = {
  google_project_service: [],
  // Terraform's own record (builtin provider): no Google API.
  terraform_data: [],
  google_project: ["cloudresourcemanager.googleapis.com"],
  google_compute_network: ["compute.googleapis.com"],
  google_compute_subnetwork: ["compute.googleapis.com"],
  google_compute_router: ["compute.googleapis.com"],
  google_compute_router_nat: ["compute.googleapis.com"],
  google_compute_firewall: ["compute.googleapis.com"],
  google_service_account: ["iam.googleapis.com"],
  google_project_iam_member: ["cloudresourcemanager.googleapis.com"],
  google_container_cluster: ["container.googleapis.com", "compute.googleapis.com"],
  google_container_node_pool: ["container.googleapis.com", "compute.googleapis.com"],
  google_gke_hub_feature: ["gkehub.googleapis.com", "mesh.googleapis.com"],
  google_gke_hub_feature_membership: ["gkehub.googleapis.com", "mesh.googleapis.com"],
};

/** An API enabler: returns the `google_project_service` of a service, creating it if needed. */
export type EnableApi = (service: string) => TerraformResource;

/**
 * Makes every resource and data source under `scope` depend on the enablement of the APIs it
 * calls (APIS_BY_TYPE). Types the table does not know are left as they are.
 */
export function dependOnRequiredApis(scope: IConstruct, enableApi: EnableApi): void {
  const nodes = scope.node
    .findAll()
    .filter(
      (n): n is TerraformResource | TerraformDataSource =>
        TerraformResource.isTerraformResource(n) || n instanceof TerraformDataSource,
    );
  for (const node of nodes) {
    const resolve = (token: string): string =>
      Tokenization.resolve(token, {
        scope: node,
        preparing: false,
        resolver: new DefaultTokenResolver(new StringConcat()),
      });
    for (const service of APIS_BY_TYPE[node.terraformResourceType] ?? []) {
      const api = enableApi(service);
      const current = node.dependsOn ?? [];
      // Dependencies are tokens: compare what they resolve to.
      const known = current.map(resolve);
      if (!known.includes(resolve(dependable(api)))) node.dependsOn = [...current, dependable(api)];
    }
  }
}
