import { CloudBackend, GcsBackend, LocalBackend, NamedCloudWorkspace, TerraformStack } from "cdktf";
import { BackendConfig } from "../config/schema";

/** Where Terraform runs a synthesized stack from: `cdktf.out/stacks/<stack>`. */
const STACK_DIR_TO_PROJECT = "../../..";

/**
 * One backend per stack. Local state paths are written relative to the stack folder
 * (cdktf's own default is an absolute path, which would break byte-identical output).
 */
export function configureBackend(
  stack: TerraformStack,
  stackName: string,
  environment: string,
  backend: BackendConfig = { type: "local" },
): void {
  if (backend.type === "cloud") {
    // HCP Terraform / Terraform Enterprise: one workspace per stack, since each stack is its own root module.
    new CloudBackend(stack, {
      organization: backend.organization,
      hostname: backend.hostname,
      workspaces: new NamedCloudWorkspace(`${backend.workspaces.prefix}${stackName}`),
    });
  } else if (backend.type === "gcs") {
    new GcsBackend(stack, {
      bucket: backend.bucket,
      prefix: `${backend.prefix ?? environment}/${stackName}`,
    });
  } else {
    const file = backend.path
      ? backend.path.replace(/\{stack\}/g, stackName)
      : `terraform.${stackName}.tfstate`;
    new LocalBackend(stack, { path: `${STACK_DIR_TO_PROJECT}/${file}` });
  }
}
