import { DEFAULT_CONFIG_FILE } from "../config/load";
import { editedYaml, lostResources, planEdit, testPlanEdit } from "./terraform-plan-edit";

// Edits of the default file, planned by real Terraform on the state the unedited file applied.
describe("edits of the default file plan no loss", () => {
  testPlanEdit("raising a node pool's maxNodeCount updates the pool in place", () => {
    const after = editedYaml(DEFAULT_CONFIG_FILE, (doc) => {
      const mesh = doc.environments.find((e: { name: string }) => e.name === "mesh");
      mesh.nodePools[0].maxNodeCount = 5;
    });
    const plan = planEdit(DEFAULT_CONFIG_FILE, after, "mesh-cluster");
    expect(lostResources(plan)).toEqual([]);
    const changed = plan.changes.filter((c) => c.action !== "no-op");
    expect(changed).toEqual([
      { address: expect.stringMatching(/^google_container_node_pool\./), action: "update" },
    ]);
  });
});
