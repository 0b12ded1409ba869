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
  test("labels existing namespaces and creates the others", () => {
    const out = synth({ namespaces: ["default", "shop"] });
    expect(out).toHaveResourceWithProperties(Labels, {
      kind: "Namespace",
      metadata: { name: "default" },
      labels: { "istio-injection": "enabled" },
    });
    expect(out).toHaveResourceWithProperties(NamespaceV1, {
      metadata: { name: "shop", labels: { "istio-injection": "enabled" } },
    });
    expect(out).not.toHaveResourceWithProperties(NamespaceV1, { metadata: { name: "default" } });
  });

  test("takes another label form", () => {
    expect(
      synth({ namespaces: ["shop"], labels: { "istio.io/rev": "asm-managed" } }),
    ).toHaveResourceWithProperties(NamespaceV1, {
      metadata: { name: "shop", labels: { "istio.io/rev": "asm-managed" } },
    });
  });

  test("refuses a namespace listed twice", () => {
    expect(() => synth({ namespaces: ["a", "a"] })).toThrow("'namespaces' lists 'a' twice");
  });
});
