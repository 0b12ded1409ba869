import { Lazy, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { GoogleBetaProvider } from "@cdktf/provider-google-beta/lib/provider";
import { MeshConfig } from "../config/mesh-schema";
import { EnvironmentConfig } from "../config/schema";
import { boundedName, resourceNames } from "../config/resource-names";
import { CrossClusterFirewall } from "../constructs/cross-cluster-firewall";
import { ClusterConnection } from "../constructs/cluster-connection";
import { MeshRemoteSecrets } from "../constructs/mesh-remote-secrets";
import { configureBackend } from "./backend";

export interface MultiClusterStackProps {
  /** The mesh, as the environment file names it. */
  readonly mesh: MeshConfig;
  /** Its members, validated, in the order of `mesh.environments`. */
  readonly members: readonly EnvironmentConfig[];
}

/** The email of every node service account an environment's pools run as. */
export function nodeServiceAccounts(env: EnvironmentConfig): string[] {
  const created = `${resourceNames(env).nodeServiceAccountId}@${env.project}.iam.gserviceaccount.com`;
  return [...new Set(env.nodePools.map((p) => p.serviceAccount ?? created))];
}

/**
 * `<mesh>-multicluster`: what joins the members, applied after every member's cluster and mesh
 * stacks (the wiring adds those dependencies). Its backend is the first member's, keyed by the
 * mesh name. Cloud Service Mesh members on a shared VPC: the firewall rule from every member's
 * pods to every member's nodes.
 */
export class MultiClusterStack extends TerraformStack {
  readonly provider: GoogleBetaProvider;
  readonly firewall?: CrossClusterFirewall;
  /** oss members: each member's reader token and the remote secrets of the others. */
  readonly remoteSecrets?: MeshRemoteSecrets;

  constructor(scope: Construct, id: string, props: MultiClusterStackProps) {
    super(scope, id);
    const { mesh, members } = props;
    const first = members[0];
    if (!first) throw new Error(`'members' must list the mesh's environments, got []`);
    configureBackend(this, id, mesh.name, first.backend);
    this.provider = new GoogleBetaProvider(this, "GoogleBeta", { project: first.project });

    if (mesh.network === "shared") {
      const project = first.network?.project ?? first.project;
      this.firewall = new CrossClusterFirewall(this, "CrossClusterFirewall", {
        provider: this.provider,
        project,
        network: `projects/${project}/global/networks/${resourceNames(first).network}`,
        name: boundedName(mesh.name, "multicluster-pods", 63, [mesh.name]),
        // The loader requires a stated podsCidr on every member of a shared mesh.
        sourceRanges: members.map((m) => m.network?.podsCidr ?? "10.4.0.0/14"),
        targetServiceAccounts: [...new Set(members.flatMap(nodeServiceAccounts))],
      });
    }
    if (first.mode === "oss") {
      // One set of providers per member, aliased by environment name: ids and aliases never
      // depend on list positions, so a new member adds its own and changes no other.
      this.remoteSecrets = new MeshRemoteSecrets(this, "RemoteSecrets", {
        members: members.map((env) => ({
          clusterName: env.name,
          connection: new ClusterConnection(this, `Connection-${env.name}`, {
            project: env.project,
            location: env.location,
            clusterName: env.cluster?.name ?? env.name,
            auth: env.cluster?.providerAuth,
            alias: env.name,
          }),
        })),
      });
    }
    // A lazy value: cdktf 0.21 checks a plain list output with util.isArray, which Node 22 and
    // later print a deprecation warning for on every synth (stderr must stay empty).
    const names = members.map((m) => m.name);
    new TerraformOutput(this, "members", { value: Lazy.anyValue({ produce: () => names }) });
  }
}
