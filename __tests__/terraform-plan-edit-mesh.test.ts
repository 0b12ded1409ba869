import { DEFAULT_CONFIG_FILE } from "../config/load";
import { TerraformJson } from "./fixtures";
import { synthFilesOnceSync, stacksOf } from "./shared-synth";
import { applyWithMockProviders } from "./terraform-apply";
import {
  asConfigFile,
  editedYaml,
  lostResources,
  planEdit,
  testPlanEdit,
} from "./terraform-plan-edit";

// Edits of the mesh stacks, planned by real Terraform (mock providers) on the state the unedited
// default file applied: what docs/changes-and-outages.md promises for namespaces and istiod.
const env = (doc: TerraformJson, name: string) =>
  doc.environments.find((e: { name: string }) => e.name === name);
const changed = (plan: ReturnType<typeof planEdit>) =>
  plan.changes.filter((c) => c.action !== "no-op").map((c) => `${c.action} ${c.address}`);

describe("namespaces: no edit deletes one (csm's { name: shop, create: true })", () => {
  testPlanEdit(
    "create: true -> false keeps the namespace: its labels stay, the release that kept it goes",
    () => {
      const after = editedYaml(DEFAULT_CONFIG_FILE, (doc) => {
        env(doc, "csm").istio.injectionNamespaces = [{ name: "shop", create: false }];
      });
      const plan = planEdit(DEFAULT_CONFIG_FILE, after, "csm-mesh");
      expect(lostResources(plan)).toEqual([]);
      // Uninstalling kept-namespaces deletes no Namespace: the chart marks each
      // helm.sh/resource-policy: keep (__tests__/charts/kept-namespaces.test.ts).
      expect(changed(plan)).toEqual([
        expect.stringMatching(/^delete helm_release\.SidecarInjection_Created_/),
      ]);
    },
  );

  testPlanEdit(
    "removing the entry keeps the namespace: only its labels and the keeping release go",
    () => {
      const after = editedYaml(DEFAULT_CONFIG_FILE, (doc) => {
        env(doc, "csm").istio.injectionNamespaces = ["default"];
      });
      const plan = planEdit(DEFAULT_CONFIG_FILE, after, "csm-mesh");
      expect(lostResources(plan)).toEqual([]);
      expect(changed(plan).sort()).toEqual([
        expect.stringMatching(/^create kubernetes_labels\.SidecarInjection_default_/),
        expect.stringMatching(/^delete helm_release\.SidecarInjection_Created_/),
        expect.stringMatching(/^delete kubernetes_labels\.SidecarInjection_shop_/),
      ]);
    },
  );
});

describe("istio.version -> istio.revisions", () => {
  // The adopted entry has the version the file ran; the other revision is another known release.
  const toRevisions = (adopt: boolean) =>
    editedYaml(DEFAULT_CONFIG_FILE, (doc) => {
      const istio = env(doc, "mesh").istio;
      const running: string = istio.version;
      const other = running === "1.30.5" ? "1.31.1" : "1.30.5";
      delete istio.version;
      istio.revisions = [
        { version: running, ...(adopt ? { adopt: true } : {}) },
        { version: other },
      ];
      if (!adopt) istio.defaultRevision = running.replace(/\./g, "-");
    });

  testPlanEdit(
    "with adopt, the running istiod stays untouched and the other istiod is created beside it",
    () => {
      const plan = planEdit(DEFAULT_CONFIG_FILE, toRevisions(true), "mesh-mesh");
      const istiod = plan.changes.find((c) => /^helm_release\.Istio_Istiod_/.test(c.address))!;
      expect(istiod.action).toBe("no-op");
      expect(plan.changes.filter((c) => c.action === "delete" || c.action === "replace")).toEqual(
        [],
      );
      const changes = changed(plan);
      expect(changes).toContainEqual(
        expect.stringMatching(/^create helm_release\.Istio_Revisions_Istiod-1-3\d-\d+_/),
      );
      // Besides it, at most base moves (to the newest version's CRDs); nothing else.
      expect(
        changes.filter(
          (c) =>
            !/^(create helm_release\.Istio_Revisions_Istiod-|update helm_release\.Istio_Base_)/.test(
              c,
            ),
        ),
      ).toEqual([]);
    },
  );

  testPlanEdit("without adopt, the running istiod would be destroyed (why adopt exists)", () => {
    const plan = planEdit(DEFAULT_CONFIG_FILE, toRevisions(false), "mesh-mesh");
    expect(changed(plan)).toContainEqual(
      expect.stringMatching(/^delete helm_release\.Istio_Istiod_/),
    );
  });
});

// docs/team-workflow.md's destroy recipe: with deletion protection off (its first step), a mesh
// stack with created namespaces destroys, stopped by nothing, and the namespaces outlive it (Helm
// keeps them). With deletion protection on, only the oss dataplane record stops a destroy.
testPlanEdit(
  "the mesh stacks with created namespaces apply and destroy once deletion protection is off",
  () => {
    const unprotected = asConfigFile(
      editedYaml(DEFAULT_CONFIG_FILE, (doc) => {
        for (const name of ["csm", "ambient"]) {
          const e = env(doc, name);
          e.cluster = { ...e.cluster, deletionProtection: false };
          e.policy = { waivers: [{ rule: "GKE_DELETION_PROTECTION", reason: "destroy recipe" }] };
        }
      }),
    );
    const runs = synthFilesOnceSync([DEFAULT_CONFIG_FILE, unprotected]);
    const [protectedStacks, unprotectedStacks] = [DEFAULT_CONFIG_FILE, unprotected].map((f) =>
      stacksOf(runs.get(f)!),
    );
    for (const name of ["csm-mesh", "ambient-mesh"]) {
      const created = Object.values<TerraformJson>(
        unprotectedStacks[name].resource.helm_release,
      ).filter((r) => r.name === "kept-namespaces");
      expect([name, created.length]).toEqual([name, 1]);
      const outcome = applyWithMockProviders(unprotectedStacks[name]);
      expect([name, outcome.ok, outcome.destroyBlockedBy]).toEqual([name, true, []]);
    }
    const guarded = applyWithMockProviders(protectedStacks["ambient-mesh"]);
    expect([guarded.ok, guarded.destroyBlockedBy]).toEqual([true, ["terraform_data.Dataplane"]]);
  },
);

describe("istio.dataplane sidecar <-> ambient (docs/ambient.md, three applies)", () => {
  const ambient = (edit: (istio: TerraformJson) => void) =>
    editedYaml(DEFAULT_CONFIG_FILE, (doc) => edit(env(doc, "ambient").istio));
  const toSidecar = (istio: TerraformJson) => {
    istio.dataplane = "sidecar";
    // A waypoint needs ambient; the namespace stays enrolled, now by the injection label.
    istio.injectionNamespaces = ["default", { name: "shop", create: true }];
  };

  testPlanEdit("in one apply under STRICT: the plan stops on the dataplane record", () => {
    expect(() => planEdit(DEFAULT_CONFIG_FILE, ambient(toSidecar), "ambient-mesh")).toThrow(
      /terraform_data\.Dataplane[\s\S]*prevent_destroy|prevent_destroy[\s\S]*terraform_data\.Dataplane/,
    );
  });

  testPlanEdit("under PERMISSIVE (step 2): the record is replaced and nothing is lost", () => {
    const permissive = (istio: TerraformJson) => (istio.mtls = "PERMISSIVE");
    const plan = planEdit(
      ambient(permissive),
      ambient((istio) => {
        permissive(istio);
        toSidecar(istio);
      }),
      "ambient-mesh",
    );
    expect(lostResources(plan)).toEqual([]);
    expect(plan.changes.filter((c) => c.address.startsWith("terraform_data."))).toEqual([
      { address: "terraform_data.Dataplane", action: "replace" },
    ]);
  });
});
