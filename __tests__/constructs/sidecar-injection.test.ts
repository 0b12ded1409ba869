import { Testing } from "cdktf";
import { Construct } from "constructs";
import { Labels } from "@cdktf/provider-kubernetes/lib/labels";
import { parse as parseYaml } from "yaml";
import { SidecarInjection, SidecarInjectionProps } from "../../constructs/sidecar-injection";
import { onlyResource, resourcesOf } from "../fixtures";

const synth = (props: SidecarInjectionProps) =>
  Testing.synthScope((scope: Construct) => {
    new SidecarInjection(scope, "Injection", props);
  });

describe("SidecarInjection", () => {
  test("labels every namespace alike; creates only those it is asked to, in a release that keeps them", () => {
    const stack = JSON.parse(synth({ namespaces: ["default", "apps", "shop"], create: ["shop"] }));
    expect(resourcesOf(stack, "kubernetes_labels").map((l) => [l.metadata.name, l.labels])).toEqual(
      ["apps", "default", "shop"].map((name) => [name, { "istio-injection": "enabled" }]),
    );
    // Terraform owns no namespace, so neither an edit nor a destroy can delete one.
    expect(resourcesOf(stack, "kubernetes_namespace_v1")).toEqual([]);
    const release = onlyResource(stack, "helm_release");
    expect(release).toMatchObject({ name: "kept-namespaces", namespace: "kube-system" });
    expect(parseYaml(release.values[0])).toEqual({ namespaces: ["shop"] });
    const shop = resourcesOf(stack, "kubernetes_labels")[2];
    expect(shop.depends_on).toEqual(["helm_release.Injection_Created_2BC2989F"]);
  });

  test("no created namespace, no release", () => {
    const stack = JSON.parse(synth({ namespaces: ["default"] }));
    expect(resourcesOf(stack, "helm_release")).toEqual([]);
  });

  test("where an earlier release kept a created namespace: the labels' logical id, as a namespace", () => {
    let injection!: SidecarInjection;
    const stack = JSON.parse(
      Testing.synthScope((scope: Construct) => {
        injection = new SidecarInjection(scope, "Injection", {
          namespaces: ["default", "shop"],
          create: ["shop"],
        });
      }),
    );
    const ids = Object.keys(stack.resource.kubernetes_labels);
    expect(injection.legacyAddresses).toEqual(ids.map((id) => `kubernetes_namespace_v1.${id}`));
    expect(ids[1]).toMatch(/^Injection_shop_/);
  });

  test("takes another label form", () => {
    expect(
      synth({ namespaces: ["shop"], create: ["shop"], labels: { "istio.io/rev": "asm-managed" } }),
    ).toHaveResourceWithProperties(Labels, {
      metadata: { name: "shop" },
      labels: { "istio.io/rev": "asm-managed" },
    });
  });

  test("creates no namespace every cluster has, nor one it does not label", () => {
    expect(() => synth({ namespaces: ["default"], create: ["default"] })).toThrow(
      "'create' names 'default', which exists in every cluster",
    );
    expect(() => synth({ namespaces: ["a"], create: ["b"] })).toThrow(
      "'create' names 'b', which 'namespaces' does not list",
    );
  });

  test("refuses a namespace listed twice", () => {
    expect(() => synth({ namespaces: ["a", "a"] })).toThrow("'namespaces' lists 'a' twice");
  });
});
