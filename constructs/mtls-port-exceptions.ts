import * as path from "path";
import { ITerraformDependable, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { stringify as stringifyYaml } from "yaml";
import { Release } from "@cdktf/provider-helm/lib/release";
import { localChartRelease } from "./local-chart-release";

/** The chart in this repository that holds the port exceptions. */
export const PORT_EXCEPTIONS_CHART_DIR = path.join(
  __dirname,
  "..",
  "charts",
  "istio-mtls-port-exceptions",
);

export interface MtlsPortException {
  /** The workloads' namespace. */
  readonly namespace: string;
  /** Their pod labels: Istio applies port-level mTLS only to a policy with a selector. */
  readonly selector: Readonly<Record<string, string>>;
  /** Container ports (the workload's, not the Service's) that accept plaintext as well. */
  readonly ports: readonly number[];
}

export interface MtlsPortExceptionsProps {
  readonly exceptions: readonly MtlsPortException[];
  /** Where Helm keeps the release record. @default "istio-system" */
  readonly namespace?: string;
  /** @default - the stack's helm provider */
  readonly provider?: TerraformProvider;
  /** The mesh-wide policy (and its CRD) and the namespaces. @default [] */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * Ports that accept plaintext under a STRICT mesh: one PeerAuthentication per exception with
 * `portLevelMtls` PERMISSIVE (istio.io/latest/docs/reference/config/security/peer_authentication,
 * read 2026-12-02: port-level settings apply only with a selector, and name the workload's port).
 * Google Cloud load balancers' health checks and their traffic to NEG backends come from outside
 * the mesh, in plaintext: a STRICT sidecar refuses them and the backends turn unhealthy. Rendered
 * by charts/istio-mtls-port-exceptions, after the namespaces exist.
 */
export class MtlsPortExceptions extends Construct {
  readonly resource: Release;

  constructor(scope: Construct, id: string, props: MtlsPortExceptionsProps) {
    super(scope, id);
    if (props.exceptions.length === 0) {
      throw new Error("'exceptions' must list at least one exception");
    }
    props.exceptions.forEach((e, i) => {
      if (Object.keys(e.selector).length === 0) {
        throw new Error(
          `'exceptions[${i}].selector' must name at least one label (port-level mTLS needs a selector), got {}`,
        );
      }
      for (const port of e.ports) {
        if (!Number.isInteger(port) || port < 1 || port > 65535) {
          throw new Error(`'exceptions[${i}].ports' must hold ports 1 to 65535, got ${port}`);
        }
      }
    });
    this.resource = localChartRelease(this, PORT_EXCEPTIONS_CHART_DIR, {
      provider: props.provider,
      dependsOn: props.dependsOn,
      name: "istio-mtls-port-exceptions",
      namespace: props.namespace ?? "istio-system",
      values: [stringifyYaml({ portExceptions: props.exceptions })],
      skipCrds: true,
    });
  }
}
