import { ConfigError } from "./config-error";
import { EnvironmentConfig } from "./schema";

/** Names the environments to synthesize: a comma-separated list of names or glob patterns. */
export const SELECT_ENV_VAR = "GKE_ISTIO_ENVIRONMENTS";

const PATTERN = /^[a-z0-9*?-]+$/;

function matcher(pattern: string): RegExp {
  const body = pattern.replace(/[*?]/g, (c) => (c === "*" ? "[a-z0-9-]*" : "[a-z0-9-]"));
  return new RegExp(`^${body}$`);
}

/**
 * The environments named by `selection` (GKE_ISTIO_ENVIRONMENTS), in file order; all of them when
 * it is unset or blank. Each entry is a name or a glob (`*` any run of characters, `?` one) and
 * must match at least one environment. In cloud-service-mesh mode the first environment of a
 * project creates the project's fleet feature and the later ones depend on it
 * (stacks/environment-stacks.ts), so selecting a later one without that owner is an error naming
 * both. Throws a ConfigError whose `file` is GKE_ISTIO_ENVIRONMENTS, one line per problem.
 */
export function selectEnvironments(
  environments: EnvironmentConfig[],
  selection: string | undefined,
  file = "the environment file",
): EnvironmentConfig[] {
  if (selection === undefined || selection.trim() === "") return environments;
  const problems: string[] = [];
  const names = environments.map((e) => e.name);
  const chosen = new Set<string>();
  selection.split(",").forEach((raw, i) => {
    const entry = raw.trim();
    if (!PATTERN.test(entry)) {
      problems.push(
        `entry ${i + 1}: ${JSON.stringify(raw)} is not an environment name or glob pattern; use lower-case letters, digits, '-', '*' and '?', comma-separated`,
      );
      return;
    }
    const re = matcher(entry);
    const hits = names.filter((n) => re.test(n));
    if (hits.length === 0) {
      problems.push(
        `'${entry}' matches no environment of ${file}; its environments are ${names.join(", ")}`,
      );
    }
    hits.forEach((n) => chosen.add(n));
  });

  const owners = new Map<string, EnvironmentConfig>();
  for (const env of environments) {
    if (env.mode !== "cloud-service-mesh") continue;
    const owner = owners.get(env.project);
    if (!owner) owners.set(env.project, env);
    else if (chosen.has(env.name) && !chosen.has(owner.name)) {
      problems.push(
        `'${env.name}' is selected but '${owner.name}' is not: '${owner.name}' creates the servicemesh fleet feature of project '${env.project}' that '${env.name}' depends on; select '${owner.name}' too`,
      );
    }
  }
  if (problems.length > 0) throw new ConfigError(SELECT_ENV_VAR, problems);
  return environments.filter((e) => chosen.has(e.name));
}
