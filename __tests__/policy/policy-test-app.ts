import { App, Testing } from "cdktf";
import { TerraformResource } from "cdktf";
import { ClusterStack } from "../../stacks/cluster-stack";
import { EnvironmentStacks, addEnvironments } from "../../stacks/environment-stacks";
import { environment, parseEnvironments } from "../fixtures";

/** How a test breaks a rule that the environment file cannot break: an escape-hatch override. */
export type StackOverride = (stack: ClusterStack) => void;

/** The node pool resource of the pool named `name` in a cluster stack. */
export function nodePoolResource(stack: ClusterStack, name: string): TerraformResource {
  return stack.node.findChild(`NodePool-${name}`).node.findChild("Resource") as TerraformResource;
}

/** The real app for one test environment, with an optional override on its cluster. */
export function policyTestApp(
  overrides: Record<string, unknown> = {},
  override?: StackOverride,
): { app: App; stacks: EnvironmentStacks } {
  const app = Testing.app();
  const [stacks] = addEnvironments(app, parseEnvironments(environment(overrides)));
  override?.(stacks.cluster);
  return { app, stacks };
}
