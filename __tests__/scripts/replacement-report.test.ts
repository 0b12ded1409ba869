import * as fs from "fs";
import * as path from "path";
import {
  FORCE_NEW_FIELDS,
  replacementReport,
  stackChanges,
} from "../../scripts/replacement-report";
import { environment, synthEnvironments, TerraformJson } from "../fixtures";

const NODE_MODULES = path.join(__dirname, "../../node_modules/@cdktf");
/** The binding package folder of a resource type, such as google-beta's lib/google-container-node-pool. */
function bindingDeclarations(type: string): string {
  // Terraform's builtin terraform_data: cdktf's own class, which links each argument's docs.
  if (type === "terraform_data")
    return fs
      .readFileSync(path.join(NODE_MODULES, "../cdktf/lib/terraform-data-resource.d.ts"), "utf8")
      .replace(/#(\w+)\n/g, "#$1 \n");
  const [pkg, name] = type.startsWith("google_")
    ? ["provider-google-beta", type]
    : type.startsWith("kubernetes_")
      ? ["provider-kubernetes", type.replace(/^kubernetes_/, "")]
      : ["provider-helm", type.replace(/^helm_/, "")];
  const dir = path.join(NODE_MODULES, pkg, "lib", name.replace(/_/g, "-"));
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".d.ts"))
    .map((f) => fs.readFileSync(path.join(dir, f), "utf8"))
    .join("\n");
}

/** Every field path a synthesized body sets, with list indexes dropped. */
function fieldPaths(body: TerraformJson, prefix = "", out = new Set<string>()): Set<string> {
  for (const [key, value] of Object.entries<TerraformJson>(body)) {
    const at = prefix ? `${prefix}.${key}` : key;
    out.add(at);
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (item && typeof item === "object" && !Array.isArray(item) && key !== "metadata")
        fieldPaths(item, at, out);
    }
  }
  return out;
}

// Environments that between them set every field the table lists.
const everything = synthEnvironments(
  environment({ name: "m", mode: "managed", istio: { injectionNamespaces: ["default"] } }),
  environment({
    name: "o",
    mode: "oss",
    location: "us-central1",
    istio: {
      injectionNamespaces: [{ name: "shop", create: true }],
      clusterAdmins: { users: ["ops@example.com"] },
    },
  }),
  environment({ name: "c", mode: "cloud-service-mesh", location: "us-east1" }),
);

describe("the ForceNew table stays honest", () => {
  const set = new Map<string, Set<string>>();
  for (const stack of Object.values(everything)) {
    for (const [type, byName] of Object.entries<TerraformJson>(stack.resource)) {
      for (const body of Object.values<TerraformJson>(byName)) {
        const paths = set.get(type) ?? new Set<string>();
        fieldPaths(body, "", paths);
        // metadata is a map on node pools but a block on Kubernetes objects.
        if (body.metadata?.name) paths.add("metadata.name");
        set.set(type, paths);
      }
    }
  }

  test.each(Object.entries(FORCE_NEW_FIELDS))("%s", (type, fields) => {
    const declarations = bindingDeclarations(type);
    for (const field of fields) {
      // Each segment is an argument the provider binding documents...
      for (const segment of field.split("."))
        expect({ field, segment, inBinding: declarations.includes(`#${segment} `) }).toEqual({
          field,
          segment,
          inBinding: true,
        });
      // ...and the stacks set the field.
      expect({ type, field, set: set.get(type)?.has(field) ?? false }).toEqual({
        type,
        field,
        set: true,
      });
    }
  });

  test("every resource type the stacks hold has its row", () => {
    expect([...set.keys()].filter((t) => !(t in FORCE_NEW_FIELDS))).toEqual([]);
  });
});

describe("the replacement report", () => {
  const clusterStack = (overrides: Record<string, unknown>) =>
    synthEnvironments(environment({ mode: "oss", ...overrides }))["test-cluster"];
  const before = clusterStack({});

  test("an updatable field updates in place", () => {
    const after = clusterStack({ nodePools: [{ name: "pool", machineType: "n2-standard-8" }] });
    expect(
      stackChanges("test-cluster", before, after).map((c) => [c.action, c.address, c.fields]),
    ).toEqual([
      [
        "updates",
        expect.stringMatching(/^google_container_node_pool\./),
        ["node_config.machine_type"],
      ],
    ]);
  });

  test("the minimum, maximum and initial counts never replace a pool", () => {
    const after = clusterStack({
      nodePools: [{ name: "pool", minNodeCount: 2, maxNodeCount: 6, initialNodeCount: 4 }],
    });
    const changes = stackChanges("test-cluster", before, after);
    expect(changes.map((c) => [c.action, c.fields])).toEqual([
      ["updates", ["autoscaling.max_node_count", "autoscaling.min_node_count"]],
    ]);
  });

  const report = (from: TerraformJson, to: TerraformJson) =>
    replacementReport(
      new Map([["stacks/test-cluster/cdk.tf.json", JSON.stringify(from)]]),
      new Map([["stacks/test-cluster/cdk.tf.json", JSON.stringify(to)]]),
    );

  test("a ForceNew field of a protected pool: the report says the plan stops there", () => {
    const after = clusterStack({ nodePools: [{ name: "pool", spot: true }] });
    expect(report(before, after)).toEqual([
      expect.stringMatching(
        /^test-cluster: would replace google_container_node_pool\.\S+ \(name, node_config\.spot\); the plan stops there \(prevent_destroy\): see docs\/changes-and-outages\.md$/,
      ),
    ]);
  });

  test("with allowReplacement, a ForceNew field replaces the pool, new one first", () => {
    const allowed = (spot: boolean) =>
      clusterStack({ nodePools: [{ name: "pool", spot, allowReplacement: true }] });
    expect(report(allowed(false), allowed(true))).toEqual([
      expect.stringMatching(
        /^test-cluster: replaces google_container_node_pool\.\S+ \(name, node_config\.spot\), new one first$/,
      ),
    ]);
  });

  test("a release channel change of a cloud-service-mesh cluster: refused at plan, in the report too", () => {
    const csm = (releaseChannel: string) =>
      synthEnvironments(environment({ mode: "cloud-service-mesh", cluster: { releaseChannel } }))[
        "test-cluster"
      ];
    expect(report(csm("REGULAR"), csm("STABLE"))).toEqual([
      expect.stringMatching(
        /^test-cluster: updates google_container_cluster\.\S+ in place \(release_channel\.channel\)$/,
      ),
      "test-cluster: would replace terraform_data.ServiceMeshReleaseChannel (triggers_replace.release_channel); the plan stops there (prevent_destroy): see docs/changes-and-outages.md",
    ]);
  });

  test("a cluster replacement carries over to what refers to it", () => {
    const after = clusterStack({ cluster: { datapath: "LEGACY_DATAPATH" } });
    const lines = stackChanges("test-cluster", before, after).map((c) => [c.action, c.fields]);
    expect(lines).toContainEqual(["replaces", ["datapath_provider"]]);
    expect(lines).toContainEqual([
      "replaces",
      [expect.stringMatching(/^cluster <- google_container_cluster\./)],
    ]);
  });

  test("new names replace the network, and through it the cluster", () => {
    const legacy = clusterStack({ legacyNames: true });
    const changes = stackChanges("test-cluster", legacy, before);
    const replaced = changes.filter((c) => c.action === "replaces").map((c) => c.address);
    expect(replaced).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^google_compute_network\./),
        expect.stringMatching(/^google_container_cluster\./),
        expect.stringMatching(/^google_service_account\./),
      ]),
    );
  });
});
