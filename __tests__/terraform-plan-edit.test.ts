import type { TerraformJson } from "./fixtures";
import { EditPlan, editedYaml, lostResources, planEdit, testPlanEdit } from "./terraform-plan-edit";

// The default file, named here: importing config/load would load the whole schema for one string.
const DEFAULT_CONFIG_FILE = "config/environments.yaml";

// Edits of the default file, planned by real Terraform on the state the unedited file applied.
const editMesh = (edit: (env: TerraformJson) => void) =>
  editedYaml(DEFAULT_CONFIG_FILE, (doc) =>
    edit(doc.environments.find((e: TerraformJson) => e.name === "mesh")),
  );

/** The plan's changes other than no-ops, as `action type name`. */
const changed = (plan: EditPlan) =>
  plan.changes
    .filter((c) => c.action !== "no-op")
    .map((c) => `${c.action} ${c.address.split(".")[0]} ${c.name ?? c.address}`);

describe("edits of the default file plan no loss", () => {
  testPlanEdit(
    "raising a node pool's maxNodeCount updates that pool in place, and nothing else",
    () => {
      const after = editMesh((mesh) => (mesh.nodePools[0].maxNodeCount = 5));
      const cluster = planEdit(DEFAULT_CONFIG_FILE, after, "mesh-cluster");
      expect(lostResources(cluster)).toEqual([]);
      expect(changed(cluster)).toEqual([
        expect.stringMatching(/^update google_container_node_pool node-pool/),
      ]);
      expect(changed(planEdit(DEFAULT_CONFIG_FILE, after, "mesh-mesh"))).toEqual([]);
    },
  );

  testPlanEdit("adding a node pool creates it, and touches no other pool", () => {
    const after = editMesh((mesh) =>
      mesh.nodePools.push({
        name: "batch",
        machineType: "e2-standard-8",
        minNodeCount: 0,
        maxNodeCount: 4,
      }),
    );
    const cluster = planEdit(DEFAULT_CONFIG_FILE, after, "mesh-cluster");
    expect(lostResources(cluster)).toEqual([]);
    expect(changed(cluster)).toEqual([
      expect.stringMatching(/^create google_container_node_pool batch/),
    ]);
    expect(changed(planEdit(DEFAULT_CONFIG_FILE, after, "mesh-mesh"))).toEqual([]);
  });

  testPlanEdit("adding a namespace to create creates it, and touches no other namespace", () => {
    const after = editMesh((mesh) =>
      mesh.istio.injectionNamespaces.push({ name: "payments", create: true }),
    );
    const mesh = planEdit(DEFAULT_CONFIG_FILE, after, "mesh-mesh");
    expect(lostResources(mesh)).toEqual([]);
    // The mesh environment creates no namespace yet: its first one brings the kept-namespaces release.
    expect(changed(mesh)).toEqual([
      "create helm_release kept-namespaces",
      "create kubernetes_labels payments",
    ]);
    expect(changed(planEdit(DEFAULT_CONFIG_FILE, after, "mesh-cluster"))).toEqual([]);
  });
});

// The harness itself: a loss must show, from the plan (a delete) or from the provider source (a
// replace the mock plans as an update).
describe("planEdit sees what an edit loses", () => {
  testPlanEdit("turning the ingress gateway off deletes its release and its namespace", () => {
    const after = editMesh((mesh) => (mesh.istio.ingressGateway = false));
    const mesh = planEdit(DEFAULT_CONFIG_FILE, after, "mesh-mesh");
    expect(lostResources(mesh)).toEqual([
      expect.stringMatching(/^delete kubernetes_namespace_v1\.\S+$/),
    ]);
    expect(changed(mesh)).toEqual(
      expect.arrayContaining([
        "delete helm_release istio-ingress",
        "delete kubernetes_namespace_v1 istio-ingress",
      ]),
    );
  });

  // Mock providers plan every field change as an update; the provider's source says which force
  // a new pool (output/replacement-report.ts), and planEdit reports those as replaces.
  testPlanEdit("a field that forces a new pool shows as a replace, naming the field", () => {
    const after = editMesh((mesh) => (mesh.nodePools[0].spot = true));
    expect(lostResources(planEdit(DEFAULT_CONFIG_FILE, after, "mesh-cluster"))).toEqual([
      expect.stringMatching(/^replace google_container_node_pool\.\S+ \(.*node_config\.spot/),
    ]);
  });

  const withoutAmbient = () =>
    editedYaml(DEFAULT_CONFIG_FILE, (doc) => {
      doc.environments = doc.environments.filter((e: TerraformJson) => e.name !== "ambient");
    });

  testPlanEdit("a stack gone from the file is refused: nothing would plan it", () => {
    expect(() => planEdit(DEFAULT_CONFIG_FILE, withoutAmbient(), "ambient-mesh")).toThrow(
      /has no stack ambient-mesh; nothing would plan it/,
    );
  });

  testPlanEdit("a new environment's stack plans the creation of everything in it", () => {
    const plan = planEdit(withoutAmbient(), DEFAULT_CONFIG_FILE, "ambient-cluster");
    expect(plan.changes.filter((c) => c.action !== "create")).toEqual([]);
    expect(changed(plan)).toEqual(
      expect.arrayContaining(["create google_container_cluster ambient"]),
    );
  });
});
