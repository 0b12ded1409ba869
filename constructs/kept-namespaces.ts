import * as path from "path";
import { ITerraformDependable, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { stringify as stringifyYaml } from "yaml";
import { Release } from "@cdktf/provider-helm/lib/release";
import { localChartRelease } from "./local-chart-release";

/** The chart in this repository that creates namespaces Helm never deletes. */
export const KEPT_NAMESPACES_CHART_DIR = path.join(__dirname, "..", "charts", "kept-namespaces");

export interface KeptNamespacesProps {
  /** The namespaces to create when missing. */
  readonly namespaces: readonly string[];
  /** Where Helm keeps the release record: a namespace every cluster has. @default "kube-system" */
  readonly releaseNamespace?: string;
  /** @default - the stack's helm provider */
  readonly provider?: TerraformProvider;
  /** @default [] */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * Application namespaces that no edit of the environment file, and no `terraform destroy`,
 * deletes: one helm_release of charts/kept-namespaces, whose Namespace objects carry
 * `helm.sh/resource-policy: keep`. Why not `kubernetes_namespace_v1`:
 * - Terraform destroys a resource whose block leaves the configuration, and `prevent_destroy`
 *   leaves with the block: removing `{ create: true }` would delete the namespace and its workloads;
 * - a `removed { lifecycle { destroy = false } }` block must name the address, and synth cannot
 *   know the names of entries deleted from the file;
 * - `prevent_destroy` also stops the documented `destroy` of the whole stack.
 * Helm keeps the namespace when the release is uninstalled, or when an upgrade drops it from the
 * list; the chart leaves alone a namespace that exists and is not its own (created by hand, or
 * by an earlier release of this tool), so `create` is "create when missing" and never fails on it.
 */
export class KeptNamespaces extends Construct {
  readonly resource: Release;

  constructor(scope: Construct, id: string, props: KeptNamespacesProps) {
    super(scope, id);
    if (props.namespaces.length === 0) {
      throw new Error("'namespaces' must list at least one namespace");
    }
    this.resource = localChartRelease(this, KEPT_NAMESPACES_CHART_DIR, {
      provider: props.provider,
      dependsOn: props.dependsOn,
      name: "kept-namespaces",
      namespace: props.releaseNamespace ?? "kube-system",
      values: [stringifyYaml({ namespaces: [...props.namespaces] })],
    });
  }
}

/**
 * Where an earlier release of this tool kept a created namespace: a `kubernetes_namespace_v1`
 * with the same logical id as the namespace's labels now. The mesh stack forgets these addresses
 * (`removed`, `destroy = false`), so upgrading the tool never deletes a namespace; an address
 * that is not in the state is ignored by Terraform.
 */
export function legacyNamespaceAddress(labelsLogicalId: string): string {
  return `kubernetes_namespace_v1.${labelsLogicalId}`;
}
