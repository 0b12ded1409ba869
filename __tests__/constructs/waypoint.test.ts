import * as fs from "fs";
import * as path from "path";
import { Testing } from "cdktf";
import { parse as parseYaml } from "yaml";
import { WAYPOINT_CHART_DIR, Waypoint, WaypointProps } from "../../constructs/waypoint";
import { AmbientNamespaces } from "../../constructs/ambient-namespaces";
import { TerraformJson, onlyResource, resourcesOf } from "../fixtures";

const synth = (build: (scope: never) => void): TerraformJson =>
  JSON.parse(Testing.synthScope((scope) => build(scope as never)));

describe("Waypoint", () => {
  const waypoint = (props: Partial<WaypointProps> = {}) =>
    onlyResource(
      synth((scope) => new Waypoint(scope, "Waypoint", { namespace: "shop", ...props })),
      "helm_release",
    );

  test("a release of the local chart in the namespace, named and typed by values", () => {
    const release = waypoint({ name: "reviews-waypoint", trafficType: "workload" });
    expect(release).toMatchObject({
      name: "istio-waypoint",
      namespace: "shop",
      atomic: true,
      cleanup_on_fail: true,
    });
    expect(parseYaml(release.values[0])).toEqual({
      name: "reviews-waypoint",
      trafficType: "workload",
    });
    expect(release.repository).toBeUndefined();
    // No channel given: nothing to check at plan.
    expect(release.lifecycle).toBeUndefined();
  });

  test.each<[Partial<WaypointProps>, string]>([
    [{ name: "Waypoint_1" }, "'name' must be a DNS label, got 'Waypoint_1'"],
    [{ name: "1waypoint" }, "'name' must be a DNS label, got '1waypoint'"],
    [{ name: "waypoint-" }, "'name' must be a DNS label, got 'waypoint-'"],
    [{ name: "w".repeat(64) }, `'name' must be a DNS label, got '${"w".repeat(64)}'`],
    [
      { trafficType: "pods" as never },
      "'trafficType' must be one of service, workload, all, none, got 'pods'",
    ],
  ])("refuses %j", (props, message) => {
    expect(() => waypoint(props)).toThrow(message);
  });

  test.each(["w", "w1", "w".repeat(63)])("accepts the DNS label %s", (name) => {
    expect(parseYaml(waypoint({ name }).values[0])).toEqual({ name, trafficType: "service" });
  });

  test("ships the repository's charts/istio-waypoint", () => {
    expect(WAYPOINT_CHART_DIR).toBe(path.join(__dirname, "..", "..", "charts", "istio-waypoint"));
    expect(fs.existsSync(path.join(WAYPOINT_CHART_DIR, "Chart.yaml"))).toBe(true);
  });
});

describe("AmbientNamespaces", () => {
  test("labels every namespace, creates those asked for in the kept-namespaces release, and refuses a duplicate", () => {
    const stack = synth(
      (scope) =>
        new AmbientNamespaces(scope, "Ambient", {
          namespaces: [
            { name: "default", waypoint: true },
            { name: "shop", create: true },
          ],
        }),
    );
    const labels = resourcesOf(stack, "kubernetes_labels");
    expect(labels.map((l) => [l.metadata.name, l.labels])).toEqual([
      ["default", { "istio.io/dataplane-mode": "ambient", "istio.io/use-waypoint": "waypoint" }],
      ["shop", { "istio.io/dataplane-mode": "ambient" }],
    ]);
    expect(labels.map((l) => l.kind)).toEqual(["Namespace", "Namespace"]);
    // No kubernetes_namespace_v1: Terraform never owns (so never destroys) a namespace.
    expect(resourcesOf(stack, "kubernetes_namespace_v1")).toEqual([]);
    const releases = resourcesOf(stack, "helm_release");
    expect(releases.map((r) => [r.name, r.namespace])).toEqual([
      ["kept-namespaces", "kube-system"],
      ["istio-waypoint", "default"],
    ]);
    expect(parseYaml(releases[0].values[0])).toEqual({ namespaces: ["shop"] });
    // shop is labelled once it exists; default, which every cluster has, at once.
    expect(labels[1].depends_on).toEqual(["helm_release.Ambient_Created_2F2DB28A"]);
    expect(labels[0].depends_on).toBeUndefined();
    expect(() =>
      synth(
        (scope) =>
          new AmbientNamespaces(scope, "Ambient", {
            namespaces: [{ name: "shop" }, { name: "shop", waypoint: true }],
          }),
      ),
    ).toThrow("'namespaces' lists 'shop' twice");
    expect(() =>
      synth(
        (scope) =>
          new AmbientNamespaces(scope, "Ambient", {
            namespaces: [{ name: "default", create: true }],
          }),
      ),
    ).toThrow("'create' names 'default', which exists in every cluster");
  });
});
