import { EditPlan, lostResources, planEdit, testPlanEdit } from "./terraform-plan-edit";

// The upgrade walkthrough (docs/istio-upgrades.md, examples/upgrade/0..4) planned by real Terraform:
// each step's file planned on the state the previous step applied, and each rollback (the previous
// file on the state the step applied). The plan must be what the docs list, and must delete or
// replace no namespace, node pool or cluster.
const FILES = ["0-start", "1-canary", "2-move-namespace", "3-move-tags", "4-remove-old"];
const file = (step: number) => `examples/upgrade/${FILES[step]}.yaml`;

/** What docs/istio-upgrades.md says each step does, by the objects' own names. */
const DOCUMENTED: Record<number, string[]> = {
  1: [
    "update helm_release istio-base",
    "create helm_release istiod-1-31-1",
    "create helm_release istio-tag-prod-canary",
  ],
  2: ["update kubernetes_labels shop"],
  3: [
    "update helm_release istio-base",
    "update helm_release istio-tag-prod-stable",
    "update helm_release istio-tag-default",
    "update helm_release istio-ingress",
  ],
  4: ["delete helm_release istiod-1-30-5"],
};

/** The plan's changes other than no-ops, as `action type name`, sorted. */
const changed = (plan: EditPlan) =>
  plan.changes
    .filter((c) => c.action !== "no-op")
    .map((c) => `${c.action} ${c.address.split(".")[0]} ${c.name ?? c.address}`)
    .sort();

/** A step undone: what it created is deleted, and the other way round; updates stay updates. */
const undone = (lines: string[]) =>
  lines
    .map((l) => l.replace(/^(create|delete) /, (_, a) => (a === "create" ? "delete " : "create ")))
    .sort();

describe.each([1, 2, 3, 4])("step %i of the upgrade walkthrough", (step) => {
  testPlanEdit(`${FILES[step]} plans what the docs list, and loses nothing they keep`, () => {
    const mesh = planEdit(file(step - 1), file(step), "shop-prod-mesh");
    expect(changed(mesh)).toEqual([...DOCUMENTED[step]].sort());
    expect(lostResources(mesh)).toEqual([]);
    // The cluster stack does not change at all: no pool, no cluster touched.
    const cluster = planEdit(file(step - 1), file(step), "shop-prod-cluster");
    expect(cluster.changes.length).toBeGreaterThan(0);
    expect(changed(cluster)).toEqual([]);
  });

  testPlanEdit(`its rollback, ${FILES[step - 1]} again, undoes exactly that in one deploy`, () => {
    const back = planEdit(file(step), file(step - 1), "shop-prod-mesh");
    expect(changed(back)).toEqual(undone(DOCUMENTED[step]));
    expect(lostResources(back)).toEqual([]);
  });
});
