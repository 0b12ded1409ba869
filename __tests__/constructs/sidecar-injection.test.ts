import { Testing } from "cdktf";
import { Construct } from "constructs";
import { Labels } from "@cdktf/provider-kubernetes/lib/labels";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { SidecarInjection, SidecarInjectionProps } from "../../constructs/sidecar-injection";

const synth = (props: SidecarInjectionProps) =>
  Testing.synthScope((scope: Construct) => {
    new SidecarInjection(scope, "Injection", props);
  });

describe("SidecarInjection", () => {
  test("labels every namespace; creates, protected, only those it is asked to", () => {
    const out = synth({ namespaces: ["default", "apps", "shop"], create: ["shop"] });
    for (const name of ["default", "apps"]) {
      expect(out).toHaveResourceWithProperties(Labels, {
        kind: "Namespace",
        metadata: { name },
        labels: { "istio-injection": "enabled" },
      });
      expect(out).not.toHaveResourceWithProperties(NamespaceV1, { metadata: { name } });
    }
    expect(out).toHaveResourceWithProperties(NamespaceV1, {
      metadata: { name: "shop", labels: { "istio-injection": "enabled" } },
      lifecycle: { prevent_destroy: true },
    });
    expect(out).not.toHaveResourceWithProperties(Labels, { metadata: { name: "shop" } });
  });

  test("takes another label form", () => {
    expect(
      synth({ namespaces: ["shop"], create: ["shop"], labels: { "istio.io/rev": "asm-managed" } }),
    ).toHaveResourceWithProperties(NamespaceV1, {
      metadata: { name: "shop", labels: { "istio.io/rev": "asm-managed" } },
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
