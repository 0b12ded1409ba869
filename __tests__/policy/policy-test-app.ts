import { App, Testing } from "cdktf";
import { GoogleContainerCluster } from "@cdktf/provider-google-beta/lib/google-container-cluster";
import { EnvironmentStacks, addEnvironments } from "../../stacks/environment-stacks";
import { environment, parseEnvironments } from "../fixtures";

/** How a test breaks a rule that the environment file cannot break: an escape-hatch override. */
export type ClusterOverride = (cluster: GoogleContainerCluster) => void;

/** The real app for one test environment, with an optional override on its cluster. */
export function policyTestApp(
  overrides: Record<string, unknown> = {},
  override?: ClusterOverride,
): { app: App; stacks: EnvironmentStacks } {
  const app = Testing.app();
  const [stacks] = addEnvironments(app, parseEnvironments(environment(overrides)));
  override?.(stacks.cluster.cluster.resource);
  return { app, stacks };
}
