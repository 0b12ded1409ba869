import { TerraformElement } from "cdktf";
import { Construct } from "constructs";

/** What the HCL output writes in place of a `removed` block; output/hcl-output.ts rewrites it. */
export const REMOVED_HCL_MARKER = "removed: destroy = false";

/**
 * Terraform 1.7 `removed` blocks with `lifecycle { destroy = false }`: the addresses leave the
 * state, and the objects they named stay where they are. An address that is not in the state is
 * ignored (checked with Terraform 1.11.4), so the blocks may stay for good. cdktf 0.21 has no
 * construct for them: this element writes them into the stack's JSON, and into its HCL as a
 * `moved` block carrying REMOVED_HCL_MARKER, which correctHcl turns into the `removed` block
 * (cdktf's HCL renderer knows `moved` and `import`, not `removed`).
 */
export class RemovedResources extends TerraformElement {
  constructor(
    scope: Construct,
    id: string,
    private readonly addresses: readonly string[],
  ) {
    super(scope, id);
  }

  toTerraform(): Record<string, unknown> {
    return {
      removed: this.addresses.map((from) => ({ from, lifecycle: [{ destroy: false }] })),
    };
  }

  toHclTerraform(): Record<string, unknown> {
    return { moved: this.addresses.map((from) => ({ from, to: REMOVED_HCL_MARKER })) };
  }
}
