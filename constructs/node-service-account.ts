import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { GoogleProjectIamMember } from "@cdktf/provider-google-beta/lib/google-project-iam-member";
import { GoogleServiceAccount } from "@cdktf/provider-google-beta/lib/google-service-account";

/**
 * What a GKE node needs and nothing more: Google's least-privilege node role (logs, metrics,
 * autoscaling metrics; CIS GKE Benchmark 2.0.0, 5.2.1) and reading images from Artifact Registry.
 */
export const NODE_ROLES = [
  "roles/container.defaultNodeServiceAccount",
  "roles/artifactregistry.reader",
] as const;

export interface NodeServiceAccountProps {
  readonly project: string;
  /** 6 to 30 characters. */
  readonly accountId: string;
  /** @default - the stack's google-beta provider */
  readonly provider?: TerraformProvider;
  /** @default "GKE nodes of <accountId>" */
  readonly displayName?: string;
}

/** A dedicated least-privilege service account for nodes, in place of the default compute account. */
export class NodeServiceAccount extends Construct {
  readonly resource: GoogleServiceAccount;
  /** A reference to the account's email. */
  readonly email: string;
  /** The account's email as text, known at synth: `<accountId>@<project>.iam.gserviceaccount.com`. */
  readonly emailAddress: string;
  /** The account's project role bindings (NODE_ROLES). */
  readonly bindings: GoogleProjectIamMember[] = [];

  constructor(scope: Construct, id: string, props: NodeServiceAccountProps) {
    super(scope, id);
    if (!/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/.test(props.accountId)) {
      throw new Error(
        `'accountId' must be 6 to 30 lower-case letters, digits or '-', starting with a letter, got '${props.accountId}'`,
      );
    }
    this.resource = new GoogleServiceAccount(this, "Resource", {
      provider: props.provider,
      project: props.project,
      accountId: props.accountId,
      displayName: props.displayName ?? `GKE nodes of ${props.accountId}`,
    });
    this.email = this.resource.email;
    this.emailAddress = `${props.accountId}@${props.project}.iam.gserviceaccount.com`;
    for (const role of NODE_ROLES) {
      const binding = new GoogleProjectIamMember(this, role.replace("roles/", ""), {
        provider: props.provider,
        project: props.project,
        role,
        member: `serviceAccount:${this.resource.email}`,
      });
      this.bindings.push(binding);
    }
  }
}
