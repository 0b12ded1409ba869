import { Testing, TerraformStack } from "cdktf";
import { loadConfig } from "../../config/load";
import { generatedIndex } from "../../scripts/generated-index";
import { addEnvironments } from "../../stacks/environment-stacks";

test("generated/README.md lists a mesh's stack after its members, with its own section", () => {
  const { environments } = loadConfig("examples/multi-cluster-csm.yaml", undefined, {});
  const app = Testing.app();
  addEnvironments(app, environments);
  const stacks = app.node.children
    .filter((c): c is TerraformStack => c instanceof TerraformStack)
    .map((s) => ({ name: s.node.id, dependencies: s.dependencies.map((d) => d.node.id) }));
  const index = generatedIndex(environments, stacks, "json");
  expect(index).toContain(
    "Apply order of all stacks: `shop-eu-cluster`, then `shop-eu-mesh`, then `shop-us-cluster`, then `shop-us-mesh`, then `shop-multicluster`.",
  );
  expect(index.slice(index.indexOf("## mesh shop"))).toBe(
    [
      "## mesh shop",
      "",
      "- members: `shop-eu`, `shop-us` (network: `shared`)",
      "- stack: [`shop-multicluster`](stacks/shop-multicluster/cdk.tf.json)",
      "- apply: `shop-multicluster` (after `shop-eu-cluster`, `shop-eu-mesh`, `shop-us-cluster`, `shop-us-mesh`)",
      "- destroy: `shop-multicluster` (before `shop-eu-cluster`, `shop-eu-mesh`, `shop-us-cluster`, `shop-us-mesh`)",
      "- state: GCS bucket `acme-terraform-state`, prefix `shop/shop-multicluster`",
      "",
    ].join("\n"),
  );
});
