import { Fn, ITerraformDependable, Token, ref } from "cdktf";
import { Construct } from "constructs";
import { ClusterConnection } from "./cluster-connection";
import { IstioReaderToken } from "./istio-reader-token";
import { RemoteSecret } from "./remote-secret";

/** One member cluster of a mesh, as the cross-cluster stack reaches it. */
export interface MeshRemoteSecretsMember {
  /** The member's cluster name in the mesh (its `clusterName`): unique, a DNS label. */
  readonly clusterName: string;
  /** The providers (an alias each) and the cluster's endpoint and CA. */
  readonly connection: ClusterConnection;
  /** What this member's reader token waits for. @default [] */
  readonly dependsOn?: ITerraformDependable[];
}

export interface MeshRemoteSecretsProps {
  /** Every member; at least two. */
  readonly members: readonly MeshRemoteSecretsMember[];
}

/**
 * Endpoint discovery across every member of a multi-primary mesh: in each member a token of its
 * reader (IstioReaderToken), and in every other member a remote secret holding it with the
 * member's API endpoint and CA (RemoteSecret). Construct ids are the cluster names, never list
 * positions: adding a member adds its token and 2 × (n − 1) secrets and changes nothing else;
 * removing one destroys exactly its own.
 */
export class MeshRemoteSecrets extends Construct {
  /** Cluster name → its reader token. */
  readonly tokens = new Map<string, IstioReaderToken>();
  /** `<remote cluster>/<reading cluster>` → the remote secret. */
  readonly secrets = new Map<string, RemoteSecret>();

  constructor(scope: Construct, id: string, props: MeshRemoteSecretsProps) {
    super(scope, id);
    const names = props.members.map((m) => m.clusterName);
    if (props.members.length < 2) {
      throw new Error(`'members' must list at least two clusters, got ${props.members.length}`);
    }
    const twice = names.find((name, i) => names.indexOf(name) !== i);
    if (twice) throw new Error(`'members' lists cluster '${twice}' twice`);
    for (const member of props.members) {
      this.tokens.set(
        member.clusterName,
        new IstioReaderToken(this, `Reader-${member.clusterName}`, {
          provider: member.connection.kubernetes,
          dependsOn: member.dependsOn,
        }),
      );
    }
    for (const remote of props.members) {
      const cluster = remote.connection.cluster;
      for (const reader of props.members.filter((m) => m !== remote)) {
        this.secrets.set(
          `${remote.clusterName}/${reader.clusterName}`,
          new RemoteSecret(this, `${remote.clusterName}-In-${reader.clusterName}`, {
            clusterName: remote.clusterName,
            server: `https://${cluster.endpoint}`,
            // one(...[*]...): null while master_auth is (as mock providers leave it).
            certificateAuthorityData: Token.asString(
              Fn.one(ref(`${cluster.fqn}.master_auth[*].cluster_ca_certificate`)),
            ),
            token: this.tokens.get(remote.clusterName)!.token,
            provider: reader.connection.kubernetes,
          }),
        );
      }
    }
  }
}
