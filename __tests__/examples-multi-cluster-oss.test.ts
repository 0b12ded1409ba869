import { parse as parseYaml } from "yaml";
import { replacementReport } from "../output/replacement-report";
import { TerraformJson } from "./fixtures";
import { stacksOf, synthFilesOnceSync } from "./shared-synth";
import { asConfigFile, editedYaml, planEdit, testPlanEdit } from "./terraform-plan-edit";
import { renderStacks } from "./helm-render";
import { applyWithMockProviders, testWithMockProviders } from "./terraform-apply";

// examples/multi-cluster-oss.yaml: what each stack holds, and what adding or removing a member
// changes (the replacement report over every stack; real Terraform on the mesh's stack). The
// example's synthesis, validation, mock apply and render run with every example's
// (examples.test.ts, terraform-apply.test.ts, helm-render.test.ts).
const EXAMPLE = "examples/multi-cluster-oss.yaml";

const withAsia = editedYaml(EXAMPLE, (doc: TerraformJson) => {
  doc.environments.push({
    ...doc.environments[0],
    name: "shop-asia",
    location: "asia-northeast1",
    network: { subnetCidr: "10.70.0.0/20", podsCidr: "10.80.0.0/14", servicesCidr: "10.84.0.0/20" },
  });
  doc.meshes[0].environments.push("shop-asia");
  doc.meshes[0].trust.secretPrefixes["shop-asia"] = "istio-ca-shop-asia";
});

/** The example with the ambient dataplane in both members. */
const ambient = editedYaml(EXAMPLE, (doc: TerraformJson) => {
  for (const env of doc.environments) env.istio.dataplane = "ambient";
});

/** Every stack's Terraform JSON of a file (shared synthesis). */
function stacksByName(file: string): Map<string, TerraformJson> {
  const run = synthFilesOnceSync([file]).get(file)!;
  if (run.status !== 0) throw new Error(run.stderr);
  return new Map(Object.entries(stacksOf(run)));
}

/** The replacement report of the stacks `after` still has. */
function report(before: string, after: string): string[] {
  [before, after] = [asConfigFile(before), asConfigFile(after)];
  const runs = synthFilesOnceSync([before, after]);
  const files = (file: string) =>
    new Map(Object.entries(runs.get(file)!.files).filter(([f]) => f.endsWith("cdk.tf.json")));
  const now = files(after);
  const old = new Map([...files(before)].filter(([f]) => now.has(f)));
  return replacementReport(old, now);
}

const releases = (stack: TerraformJson) =>
  Object.values<TerraformJson>(stack.resource?.helm_release ?? {});
const secrets = (stack: TerraformJson) =>
  Object.values<TerraformJson>(stack.resource?.kubernetes_secret_v1 ?? {});

describe(`${EXAMPLE}: two members on networks of their own`, () => {
  const stacks = stacksByName(EXAMPLE);

  test("every member's istiod: the mesh's meshID, its own clusterName and network", () => {
    for (const member of ["shop-eu", "shop-us"]) {
      const istiod = releases(stacks.get(`${member}-mesh`)!).find((r) => r.name === "istiod")!;
      expect(parseYaml(istiod.values[0]).global).toMatchObject({
        meshID: "shop",
        multiCluster: { clusterName: member },
        network: member,
      });
    }
  });

  test("each member: cacerts from its own secrets before istio-base, and an east-west gateway", () => {
    const eu = stacks.get("shop-eu-mesh")!;
    const versions = Object.values<TerraformJson>(eu.data.google_secret_manager_secret_version);
    expect(versions.map((v) => v.secret).sort()).toEqual([
      "istio-ca-shop-eu-ca-cert",
      "istio-ca-shop-eu-ca-key",
      "istio-ca-shop-eu-cert-chain",
      "istio-ca-shop-eu-root-cert",
    ]);
    expect(secrets(eu).map((s) => s.metadata.name)).toEqual(["cacerts"]);
    const base = releases(eu).find((r) => r.name === "istio-base")!;
    expect(base.depends_on).toContainEqual(
      expect.stringMatching(/^kubernetes_secret_v1\.Istio_CaCerts_/),
    );
    const eastWest = releases(eu).find((r) => r.name === "istio-eastwestgateway")!;
    expect(parseYaml(eastWest.values[0]).networkGateway).toBe("shop-eu");
    expect(releases(eu).map((r) => r.name)).toContain("istio-cross-network-gateway");
  });

  test("shop-multicluster: a reader token in each member, the other's remote secret in each", () => {
    const mc = stacks.get("shop-multicluster")!;
    const where = (s: TerraformJson) => `${s.metadata.name} in ${s.provider}`;
    expect(secrets(mc).map(where).sort()).toEqual([
      "istio-reader-service-account-token in kubernetes.shop-eu",
      "istio-reader-service-account-token in kubernetes.shop-us",
      "istio-remote-secret-shop-eu in kubernetes.shop-us",
      "istio-remote-secret-shop-us in kubernetes.shop-eu",
    ]);
    expect(mc.provider.kubernetes.map((p: TerraformJson) => p.alias).sort()).toEqual([
      "shop-eu",
      "shop-us",
    ]);
  });
});

describe(`${EXAMPLE}: a third member`, () => {
  test("adds its own stacks and its remote secrets; no existing resource is replaced, destroyed or updated", () => {
    const lines = report(EXAMPLE, withAsia);
    const others = lines.filter((l) => !/^shop-asia-(cluster|mesh):/.test(l));
    expect(others.filter((l) => !/ creates /.test(l))).toEqual([]);
    expect(others.map((l) => l.replace(/_[0-9A-F]{8}$/, ""))).toEqual([
      "shop-multicluster: creates kubernetes_secret_v1.RemoteSecrets_Reader-shop-asia",
      "shop-multicluster: creates kubernetes_secret_v1.RemoteSecrets_shop-asia-In-shop-eu",
      "shop-multicluster: creates kubernetes_secret_v1.RemoteSecrets_shop-asia-In-shop-us",
      "shop-multicluster: creates kubernetes_secret_v1.RemoteSecrets_shop-eu-In-shop-asia",
      "shop-multicluster: creates kubernetes_secret_v1.RemoteSecrets_shop-us-In-shop-asia",
    ]);
  });

  testPlanEdit("real Terraform plans the mesh's stack: five creates, nothing else", () => {
    const plan = planEdit(EXAMPLE, withAsia, "shop-multicluster");
    const changed = plan.changes.filter((c) => c.action !== "no-op");
    expect(changed.map((c) => c.action)).toEqual(Array(5).fill("create"));
  });
});

describe(`${EXAMPLE}: removing the third member again`, () => {
  test("destroys only its remote secrets and token in the mesh's stack; the others' stacks do not change", () => {
    const lines = report(withAsia, EXAMPLE);
    expect(lines.map((l) => l.replace(/_[0-9A-F]{8}( \(.*\))?$/, ""))).toEqual([
      "shop-multicluster: destroys kubernetes_secret_v1.RemoteSecrets_Reader-shop-asia",
      "shop-multicluster: destroys kubernetes_secret_v1.RemoteSecrets_shop-asia-In-shop-eu",
      "shop-multicluster: destroys kubernetes_secret_v1.RemoteSecrets_shop-asia-In-shop-us",
      "shop-multicluster: destroys kubernetes_secret_v1.RemoteSecrets_shop-eu-In-shop-asia",
      "shop-multicluster: destroys kubernetes_secret_v1.RemoteSecrets_shop-us-In-shop-asia",
    ]);
  });
});

describe(`${EXAMPLE} with the ambient dataplane (ambient multi-cluster, multi-network)`, () => {
  const file = asConfigFile(ambient);
  const run = synthFilesOnceSync([file]).get(file)!;

  test("each member: istiod on the other networks, a Gateway API east-west gateway after ztunnel; every release renders", () => {
    expect(run.stderr).toBe("");
    const stacks = stacksOf(run);
    const eu = releases(stacks["shop-eu-mesh"]);
    const istiod = eu.find((r) => r.name === "istiod")!;
    expect(parseYaml(istiod.values[0]).env).toEqual({ AMBIENT_ENABLE_MULTI_NETWORK: "true" });
    const gateway = eu.find((r) => r.name === "istio-ambient-east-west-gateway")!;
    expect(gateway.depends_on).toContainEqual(
      expect.stringMatching(/^helm_release\.Istio_Ztunnel_/),
    );
    expect(eu.map((r) => r.name)).not.toContain("istio-eastwestgateway");
    const rendered = renderStacks(run.outdir);
    expect(
      rendered.filter((r) => r.status !== "ok").map((r) => `${r.address}: ${r.detail}`),
    ).toEqual([]);
    const ew = rendered.find(
      (r) => r.stack === "shop-eu-mesh" && r.name === "istio-ambient-east-west-gateway",
    )!;
    expect(ew.manifest).toContain("gatewayClassName: istio-east-west");
    const istiodManifest = rendered.find(
      (r) => r.stack === "shop-eu-mesh" && r.name === "istiod",
    )!.manifest;
    expect(istiodManifest).toMatch(/name: AMBIENT_ENABLE_MULTI_NETWORK\n\s+value: "true"/);
  });

  testWithMockProviders("a member's mesh stack plans and applies", () => {
    const applied = applyWithMockProviders(stacksOf(run)["shop-eu-mesh"]);
    expect({ ok: applied.ok, output: applied.output }).toEqual({ ok: true, output: undefined });
  });
});
