import { Testing } from "cdktf";
import { findPolicyFindings, policyViolations } from "../../policy/check-policy";
import { mergedValues } from "../../policy/mesh-rules";
import { policyTestApp } from "./policy-test-app";
import { rememberedInTest } from "../remembered-results";

// ISTIO_CONTROL_PLANE_REPLICAS on the real oss mesh stack: passing by default, failing when an
// environment opts down (istio.minReplicas: 1, or istio.values), waived with a reason.
const ID = "ISTIO_CONTROL_PLANE_REPLICAS";
const FIX = `to fix, remove istio.minReplicas (default 2) or set it to 2 or more (or waive ${ID} in policy.waivers with a reason)`;
const oss = (istio: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  mode: "oss",
  istio: { version: "1.30.5", ...istio },
  ...extra,
});
// The checks' results, remembered across jest runs by this file's text and the test's name
// (remembered-results.ts); the waiver test builds its app every time.
const findings = (env: Record<string, unknown>) =>
  rememberedInTest(() => findPolicyFindings(policyTestApp(env).app));
const violations = (env: Record<string, unknown>) =>
  rememberedInTest(() => policyViolations(policyTestApp(env).app));
const ISTIOD = "test-mesh/Istio/Istiod (helm_release.Istio_Istiod_3FB2B428)";
const GATEWAY = "test-mesh/Istio/Gateway (helm_release.Istio_Gateway_E39A0EF6)";

describe(ID, () => {
  test("passes by default (two replicas and a PDB each), with revisions too", () => {
    expect(findings(oss())).toEqual([]);
    const revisions = oss({
      version: undefined,
      revisions: [{ version: "1.29.6" }, { version: "1.30.5" }],
      defaultRevision: "1-29-6",
    });
    expect(findings(revisions)).toEqual([]);
  });

  test("fails for istiod and the gateway when the environment opts down to one replica", () => {
    expect(violations(oss({ minReplicas: 1 }))).toEqual([
      `${ID} at ${ISTIOD}: istiod's autoscaleMin is 1, so one replica and no PodDisruptionBudget; ${FIX}`,
      `${ID} at ${GATEWAY}: the gateway's autoscaling.minReplicas is 1, so one replica and no PodDisruptionBudget; ${FIX}`,
    ]);
  });

  test("reads the merged values: istio.values can break it too", () => {
    const values = (v: Record<string, unknown>) =>
      violations(oss({ values: v, ingressGateway: false })).map(
        (line) => line.split(": ")[1].split(";")[0],
      );
    expect(values({ autoscaleMin: 1 })).toEqual([
      "istiod's autoscaleMin is 1, so one replica and no PodDisruptionBudget",
    ]);
    expect(values({ autoscaleEnabled: false })).toEqual([]); // replicaCount 2 is ours
    expect(values({ autoscaleEnabled: false, replicaCount: 1 })).toEqual([
      "istiod's replicaCount is 1, so one replica and no PodDisruptionBudget",
    ]);
    expect(values({ global: { defaultPodDisruptionBudget: { enabled: false } } })).toEqual([
      "istiod's global.defaultPodDisruptionBudget.enabled is false, so no PodDisruptionBudget",
    ]);
  });

  test("is waived with a warning that carries the reason", () => {
    const reason = "a throwaway demo cluster";
    const { app, stacks } = policyTestApp(
      oss({ minReplicas: 1 }, { policy: { waivers: [{ rule: ID, reason }] } }),
    );
    expect(policyViolations(app)).toEqual([]);
    Testing.synth(stacks.mesh!);
    const warnings = stacks
      .mesh!.node.findAll()
      .flatMap((n) => n.node.metadata)
      .filter((m) => m.type === "@cdktf/warn" && String(m.data).startsWith(ID))
      .map((m) => m.data);
    expect(warnings).toEqual([
      `${ID} waived at ${ISTIOD}: istiod's autoscaleMin is 1, so one replica and no PodDisruptionBudget; reason: ${reason}`,
      `${ID} waived at ${GATEWAY}: the gateway's autoscaling.minReplicas is 1, so one replica and no PodDisruptionBudget; reason: ${reason}`,
    ]);
  });
});

test("mergedValues merges documents key by key, later ones winning, as helm does", () => {
  expect(
    mergedValues({ values: ["a:\n  b: 1\n  c: 1\n", "a:\n  c: 2\nd: [1]\n", "d: [2]\n"] }),
  ).toEqual({ a: { b: 1, c: 2 }, d: [2] });
  expect(mergedValues({})).toEqual({});
});
