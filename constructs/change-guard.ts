import {
  anyToHclTerraform,
  anyToTerraform,
  hashMapper,
  hashMapperHcl,
  TerraformResource,
} from "cdktf";
import { Construct } from "constructs";

export interface ChangeGuardProps {
  /** The values kept in state: a change of any of them can only replace the record. */
  readonly values: Record<string, string>;
  /** Stop a plan that would change a value (`prevent_destroy` on the record). @default true */
  readonly refuseChange?: boolean;
}

/**
 * Values an edit must not change in one step, kept in state as a `terraform_data` (Terraform's
 * builtin provider, 1.4 or later). Synth has no state, so it cannot see the previous value; the
 * record can: a changed value replaces it, and `prevent_destroy` stops that plan before anything
 * else in the stack changes. cdktf's own DataResource would ask for a `terraform` binary at every
 * synth (a version check), which this class leaves to `terraform plan`.
 */
export class ChangeGuard extends TerraformResource {
  private readonly values: Record<string, string>;

  constructor(scope: Construct, id: string, props: ChangeGuardProps) {
    super(scope, id, {
      terraformResourceType: "terraform_data",
      terraformGeneratorMetadata: { providerName: "terraform" },
      lifecycle: { preventDestroy: props.refuseChange ?? true },
    });
    this.values = props.values;
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return { triggers_replace: hashMapper(anyToTerraform)(this.values) };
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    return { triggers_replace: hashMapperHcl(anyToHclTerraform)(this.values) };
  }
}
