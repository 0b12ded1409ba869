import { Token } from "cdktf";
import { parse as parseYaml } from "yaml";
import { HELM_RELEASE, PolicyRule } from "./policy-rule";
import { SynthesizedConfig } from "./synthesized-config";

type Values = Record<string, unknown>;

/** A release's values documents merged as helm merges them (later documents win, key by key). */
export function mergedValues(release: SynthesizedConfig): Values | undefined {
  const documents = release.values;
  if (documents === undefined) return {};
  if (!Array.isArray(documents) || Token.isUnresolved(documents)) return undefined;
  let merged: Values = {};
  for (const doc of documents) {
    if (typeof doc !== "string" || Token.isUnresolved(doc)) return undefined;
    merged = deepMerge(merged, (parseYaml(doc) ?? {}) as Values);
  }
  return merged;
}

function deepMerge(a: Values, b: Values): Values {
  const out: Values = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const old = out[key];
    out[key] = isObject(old) && isObject(value) ? deepMerge(old as Values, value as Values) : value;
  }
  return out;
}

const isObject = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);
const at = (values: Values, path: string): unknown =>
  path
    .split(".")
    .reduce<unknown>((v, key) => (isObject(v) ? (v as Values)[key] : undefined), values);

/** The replica floor and PDB of an istiod or gateway release from Istio's repository, with the charts' defaults. */
function controlPlaneProblem(release: SynthesizedConfig): string | undefined {
  if (typeof release.repository !== "string") return undefined; // local charts: not Istio's
  const chart = release.chart;
  const values = mergedValues(release);
  if (values === undefined) return undefined;
  if (chart === "istiod") {
    const autoscale = at(values, "autoscaleEnabled") !== false;
    const floor = Number(at(values, autoscale ? "autoscaleMin" : "replicaCount") ?? 1);
    const key = autoscale ? "autoscaleMin" : "replicaCount";
    if (floor < 2) return `istiod's ${key} is ${floor}, so one replica and no PodDisruptionBudget`;
    if (at(values, "global.defaultPodDisruptionBudget.enabled") === false)
      return "istiod's global.defaultPodDisruptionBudget.enabled is false, so no PodDisruptionBudget";
    return undefined;
  }
  if (chart === "gateway") {
    const autoscale = at(values, "autoscaling.enabled") !== false;
    const key = autoscale ? "autoscaling.minReplicas" : "replicaCount";
    const floor = Number(at(values, key) ?? 1);
    if (floor < 2)
      return `the gateway's ${key} is ${floor}, so one replica and no PodDisruptionBudget`;
    const pdb = at(values, "podDisruptionBudget");
    if (!isObject(pdb) || Object.keys(pdb as Values).length === 0)
      return "the gateway's podDisruptionBudget is empty, so none is made";
    return undefined;
  }
  return undefined;
}

export const MESH_RULES: readonly PolicyRule[] = [
  {
    id: "ISTIO_CONTROL_PLANE_REPLICAS",
    description:
      "istiod and the ingress gateway run two or more replicas, with a PodDisruptionBudget.",
    checkov: [],
    resourceType: HELM_RELEASE,
    fix: "remove istio.minReplicas (default 2) or set it to 2 or more",
    check: controlPlaneProblem,
  },
];
