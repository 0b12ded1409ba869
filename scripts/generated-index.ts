// generated/README.md: what `npm run generated` wrote, per environment, and the order to run it in.
import { BackendConfig, EnvironmentConfig } from "../config/schema";
import { MeshConfig, meshOf, multiClusterStackName } from "../config/mesh-schema";

/** The part of cdktf's manifest.json this index reads. */
export interface ManifestStack {
  readonly name: string;
  readonly dependencies: string[];
}

/** Every stack after the stacks it depends on; ties keep the synthesized order. */
export function applyOrder(stacks: ManifestStack[]): string[] {
  const done: string[] = [];
  const visit = (name: string, path: string[]) => {
    if (done.includes(name)) return;
    if (path.includes(name))
      throw new Error(`stack dependency cycle: ${[...path, name].join(" -> ")}`);
    for (const dep of stacks.find((s) => s.name === name)?.dependencies ?? []) {
      visit(dep, [...path, name]);
    }
    done.push(name);
  };
  for (const s of stacks) visit(s.name, []);
  return done;
}

/** Where one stack keeps its state, in the words of the backend configuration. */
export function describeBackend(
  backend: BackendConfig | undefined,
  env: string,
  stack: string,
): string {
  const b = (backend ?? { type: "local" }) as BackendConfig & Record<string, unknown>;
  switch (b.type) {
    case "gcs":
      return `GCS bucket \`${b.bucket}\`, prefix \`${b.prefix ?? env}/${stack}\``;
    case "local":
      return `local file \`${(b.path ?? "terraform.{stack}.tfstate").replace(/\{stack\}/g, stack)}\` at the project root`;
    default:
      return describeOtherBackend(b, stack);
  }
}

function describeOtherBackend(b: Record<string, unknown>, stack: string): string {
  if (b.type === "cloud") {
    const ws = b.workspaces as { prefix: string };
    const host = typeof b.hostname === "string" ? ` on \`${b.hostname}\`` : "";
    return `HCP Terraform organization \`${b.organization}\`${host}, workspace \`${ws.prefix}${stack}\``;
  }
  return `backend \`${String(b.type)}\``;
}

const list = (names: string[]) => names.map((n) => `\`${n}\``).join(", then ");

/** The index, as Markdown that Prettier leaves as it is. */
export function generatedIndex(
  environments: EnvironmentConfig[],
  stacks: ManifestStack[],
  format: "json" | "hcl",
): string {
  // Environment-file order, cluster before mesh, unless a dependency says otherwise.
  // A mesh's own stack after every environment's (its dependencies put it there anyway).
  const rank = (s: ManifestStack) => {
    const env = environments.findIndex(
      (e) => s.name === `${e.name}-cluster` || s.name === `${e.name}-mesh`,
    );
    return env < 0 ? environments.length * 2 : env * 2 + (s.name.endsWith("-mesh") ? 1 : 0);
  };
  const order = applyOrder([...stacks].sort((a, b) => rank(a) - rank(b)));
  const file = format === "hcl" ? "cdk.tf" : "cdk.tf.json";
  const lines = [
    "# Generated Terraform",
    "",
    `Written by \`npm run generated${format === "hcl" ? " -- --hcl" : ""}\` from the environment file; do not edit,`,
    "regenerate. Each stack is a Terraform root module in `stacks/<stack>/` (`" + file + "`): run",
    "`terraform init`, `plan` and `apply` there, one stack at a time, in the order below.",
    "",
    `Apply order of all stacks: ${list(order)}.`,
    "",
    `Destroy order: ${list([...order].reverse())}.`,
  ];
  for (const env of environments) {
    const own = order.filter((s) => s === `${env.name}-cluster` || s === `${env.name}-mesh`);
    const external = [
      ...new Set(
        stacks
          .filter((s) => own.includes(s.name))
          .flatMap((s) => s.dependencies)
          .filter((d) => !own.includes(d)),
      ),
    ];
    lines.push(
      "",
      `## ${env.name}`,
      "",
      `- mode: \`${env.mode}\``,
      `- stacks: ${own.map((s) => `[\`${s}\`](stacks/${s}/${file})`).join(", ")}`,
      `- apply: ${list(own)}${external.length ? ` (after ${external.map((d) => `\`${d}\``).join(", ")})` : ""}`,
      `- destroy: ${list([...own].reverse())}${external.length ? ` (before ${external.map((d) => `\`${d}\``).join(", ")})` : ""}`,
      "- state:",
      ...own.map((s) => `  - \`${s}\`: ${describeBackend(env.backend, env.name, s)}`),
    );
  }
  lines.push(...meshSections(environments, stacks, file));
  return `${lines.join("\n")}\n`;
}

/** One section per `<mesh>-multicluster` stack that was synthesized. */
function meshSections(
  environments: EnvironmentConfig[],
  stacks: ManifestStack[],
  file: string,
): string[] {
  const meshes = new Map<string, MeshConfig>();
  for (const env of environments) {
    const mesh = meshOf(env);
    if (mesh) meshes.set(mesh.name, mesh);
  }
  return [...meshes.values()].flatMap((mesh) => {
    const name = multiClusterStackName(mesh.name);
    const stack = stacks.find((s) => s.name === name);
    if (!stack) return [];
    const first = environments.find((e) => e.name === mesh.environments[0]);
    return [
      "",
      `## mesh ${mesh.name}`,
      "",
      `- members: ${mesh.environments.map((e) => `\`${e}\``).join(", ")} (network: \`${mesh.network}\`)`,
      `- stack: [\`${name}\`](stacks/${name}/${file})`,
      `- apply: \`${name}\` (after ${stack.dependencies.map((d) => `\`${d}\``).join(", ")})`,
      `- destroy: \`${name}\` (before ${stack.dependencies.map((d) => `\`${d}\``).join(", ")})`,
      `- state: ${describeBackend(first?.backend, mesh.name, name)}`,
    ];
  });
}
