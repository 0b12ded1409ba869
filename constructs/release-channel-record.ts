import {
  anyToHclTerraform,
  anyToTerraform,
  hashMapper,
  hashMapperHcl,
  TerraformResource,
} from "cdktf";
import { Construct } from "constructs";

export interface ReleaseChannelRecordProps {
  /** The cluster's release channel, as the cluster sets it. */
  readonly channel: string;
  /** Stop a plan that would change the channel. @default true */
  readonly refuseChange?: boolean;
}

/**
 * The release channel a Cloud Service Mesh cluster was provisioned with, kept in state as a
 * `terraform_data` (Terraform's builtin provider, 1.4 or later). A changed channel can only
 * replace it, and `prevent_destroy` stops that plan: managed CSM keeps the channel it was
 * provisioned with when the cluster's changes. cdktf's own DataResource would ask for a
 * `terraform` binary at every synth (a version check), which this class leaves to `terraform plan`.
 */
export class ReleaseChannelRecord extends TerraformResource {
  private readonly channel: string;

  constructor(scope: Construct, id: string, props: ReleaseChannelRecordProps) {
    super(scope, id, {
      terraformResourceType: "terraform_data",
      terraformGeneratorMetadata: { providerName: "terraform" },
      lifecycle: { preventDestroy: props.refuseChange ?? true },
    });
    this.channel = props.channel;
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return {
      triggers_replace: hashMapper(anyToTerraform)({ release_channel: this.channel }),
    };
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    return {
      triggers_replace: hashMapperHcl(anyToHclTerraform)({ release_channel: this.channel }),
    };
  }
}
