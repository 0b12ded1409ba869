import { Testing } from "cdktf";
import { parse as parseYaml } from "yaml";
import { IstioHelmInstall, IstioHelmInstallProps } from "../../constructs/istio-helm-install";
import { meshMemberValues } from "../../constructs/mesh-member-values";
import { TerraformJson, resourcesOf } from "../fixtures";

const MEMBER = { meshId: "shop", clusterName: "shop-eu", network: "eu" };

function synth(props: IstioHelmInstallProps): TerraformJson {
  return JSON.parse(
    Testing.synthScope((scope) => {
      new IstioHelmInstall(scope, "Istio", props);
    }),
  );
}
const releases = (json: TerraformJson) => resourcesOf(json, "helm_release");

describe("a mesh member's Istio values", () => {
  test("meshID, clusterName and network in istiod's own values, before the user's", () => {
    const json = synth({ meshMember: MEMBER, values: { global: { logAsJson: true } } });
    const istiod = releases(json).find((r) => r.name === "istiod")!;
    const [ours, , user] = istiod.values.map((v: string) => parseYaml(v));
    expect(ours.global).toEqual({
      platform: "gke",
      meshID: "shop",
      multiCluster: { clusterName: "shop-eu" },
      network: "eu",
      hub: "docker.io/istio",
    });
    expect(user).toEqual({ global: { logAsJson: true } });
    const [namespace] = resourcesOf(json, "kubernetes_namespace_v1").filter(
      (n) => n.metadata.name === "istio-system",
    );
    expect(namespace.metadata.labels).toEqual({ "topology.istio.io/network": "eu" });
  });

  test("every revision's istiod serves the same mesh, with the same member values", () => {
    const json = synth({
      meshMember: MEMBER,
      revisions: {
        revisions: [
          { name: "1-30-3", version: "1.30.3" },
          { name: "1-31-1", version: "1.31.1" },
        ],
        defaultRevision: "1-30-3",
      },
    });
    const istiods = releases(json).filter((r) => r.chart === "istiod");
    expect(istiods.map((r) => r.name)).toEqual(["istiod-1-30-3", "istiod-1-31-1"]);
    for (const istiod of istiods) {
      expect(parseYaml(istiod.values[0]).global).toMatchObject(meshMemberValues(MEMBER).global!);
    }
  });

  test("without membership, istiod's values and istio-system are unchanged", () => {
    const json = synth({});
    const istiod = releases(json).find((r) => r.name === "istiod")!;
    expect(parseYaml(istiod.values[0]).global).toEqual({ platform: "gke", hub: "docker.io/istio" });
    const namespaces = resourcesOf(json, "kubernetes_namespace_v1").map((n) => n.metadata);
    expect(namespaces).toContainEqual({ name: "istio-system" });
  });

  test("an ambient member's istiod also serves the other networks (AMBIENT_ENABLE_MULTI_NETWORK)", () => {
    const istiod = releases(synth({ meshMember: MEMBER, dataplane: "ambient" })).find(
      (r) => r.name === "istiod",
    )!;
    const ours = parseYaml(istiod.values[0]);
    expect(ours).toMatchObject({
      profile: "ambient",
      env: { AMBIENT_ENABLE_MULTI_NETWORK: "true" },
      global: { meshID: "shop", network: "eu" },
    });
  });

  test("the network defaults to the cluster's name", () => {
    expect(meshMemberValues({ meshId: "m", clusterName: "c" })).toEqual({
      global: { meshID: "m", multiCluster: { clusterName: "c" }, network: "c" },
    });
  });

  test.each([
    [{ meshMember: { ...MEMBER, meshId: "Shop" } }, /'meshId' must be a DNS label .*got 'Shop'/],
    [
      { meshMember: { ...MEMBER, network: "no" } },
      /'network' must not be a word that Helm's YAML reads as a boolean .*got 'no'/,
    ],
    [
      { meshMember: MEMBER, version: "1.4.10" },
      /'meshMember' needs the current charts .*got version '1.4.10'/,
    ],
    [
      { meshMember: MEMBER, dataplane: "ambient" as const, version: "1.28.4" },
      /'meshMember' with dataplane ambient needs version 1.29.0 or later \(ambient multi-cluster\), got version '1.28.4'/,
    ],
  ])("refuses %j", (props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
