import { Testing } from "cdktf";
import { parse as parseYaml } from "yaml";
import { parseConfig } from "../../config/load";
import { addEnvironments } from "../../stacks/environment-stacks";
import { environment, synthApp, TerraformJson } from "../fixtures";
import { remembered } from "../remembered-results";

// GIVEN two oss members with the same revisions and tags (the loader refuses members that differ).
const ISTIO = {
  revisions: [
    { name: "1-30-3", version: "1.30.3" },
    { name: "1-31-1", version: "1.31.1" },
  ],
  defaultRevision: "1-30-3",
  tags: { canary: "1-31-1" },
};
const member = (name: string, location: string, [subnet, pods, services]: string[]) =>
  environment({
    name,
    mode: "oss",
    location,
    network: {
      subnetCidr: subnet,
      podsCidr: pods,
      servicesCidr: services,
    },
    istio: ISTIO,
  });
const MESH = {
  name: "shop",
  environments: ["shop-eu", "shop-us"],
  network: "per-cluster",
  trust: { source: "secret-manager", secretPrefixes: { "shop-eu": "ca-eu", "shop-us": "ca-us" } },
};

/** The two members' stacks, remembered across jest runs by the file's data (remembered-results.ts). */
function synth(): Record<string, TerraformJson> {
  const data = {
    environments: [
      member("shop-eu", "europe-west1", ["10.10.0.0/20", "10.20.0.0/14", "10.24.0.0/20"]),
      member("shop-us", "us-east1", ["10.40.0.0/20", "10.48.0.0/14", "10.52.0.0/20"]),
    ],
    meshes: [MESH],
  };
  return remembered("oss mesh members", data, () => {
    const app = Testing.app();
    addEnvironments(app, parseConfig(data, "test.yaml"));
    return synthApp(app);
  });
}
const releases = (stack: TerraformJson) =>
  Object.values<TerraformJson>(stack.resource?.helm_release ?? {});

describe("oss members with revisions", () => {
  const out = synth();

  test("every member runs the same revisions and tags, each istiod with its member's values", () => {
    const picture = (env: string) =>
      releases(out[`${env}-mesh`])
        .filter((r) => r.chart === "istiod" || r.name.startsWith("istio-tag-"))
        .map((r) => `${r.name}@${r.version ?? "local"}`)
        .sort();
    expect(picture("shop-eu")).toEqual(picture("shop-us"));
    expect(picture("shop-eu")).toEqual([
      "istio-tag-canary@local",
      "istio-tag-default@local",
      "istiod-1-30-3@1.30.3",
      "istiod-1-31-1@1.31.1",
    ]);
    for (const env of ["shop-eu", "shop-us"]) {
      for (const istiod of releases(out[`${env}-mesh`]).filter((r) => r.chart === "istiod")) {
        expect(parseYaml(istiod.values[0]).global).toMatchObject({
          meshID: "shop",
          multiCluster: { clusterName: env },
          network: env,
        });
      }
    }
  });

  test("the east-west gateway follows the default tag: its revision's version, after the tag", () => {
    const eu = out["shop-eu-mesh"];
    const gateway = releases(eu).find((r) => r.name === "istio-eastwestgateway")!;
    expect(gateway.version).toBe("1.30.3");
    expect(gateway.depends_on).toEqual([
      expect.stringMatching(/^helm_release\.Istio_Revisions_Tag-default_/),
    ]);
  });
});
