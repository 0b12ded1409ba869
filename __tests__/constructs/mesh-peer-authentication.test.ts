import * as fs from "fs";
import * as path from "path";
import { Testing } from "cdktf";
import { Construct } from "constructs";
import { parse as parseYaml } from "yaml";
import { Release } from "@cdktf/provider-helm/lib/release";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import {
  MESH_POLICY_CHART_DIR,
  MeshPeerAuthentication,
  MeshPeerAuthenticationProps,
} from "../../constructs/mesh-peer-authentication";
import { TerraformJson, onlyResource } from "../fixtures";

function synthPolicy(props: MeshPeerAuthenticationProps = {}): TerraformJson {
  return JSON.parse(
    Testing.synthScope((scope) => {
      new MeshPeerAuthentication(scope, "MeshPeerAuthentication", props);
    }),
  );
}

describe("MeshPeerAuthentication", () => {
  test("a helm_release of the local chart in istio-system, STRICT by default, reliable", () => {
    const json = Testing.synthScope((scope) => {
      new MeshPeerAuthentication(scope, "MeshPeerAuthentication");
    });
    expect(json).toHaveResourceWithProperties(Release, {
      name: "istio-mesh-policy",
      namespace: "istio-system",
      values: ["mtlsMode: STRICT\n"],
      atomic: true,
      cleanup_on_fail: true,
      max_history: 10,
      timeout: 300,
    });
  });

  test("PERMISSIVE is a value of the same release, so switching is an in-place upgrade", () => {
    const release = onlyResource(synthPolicy({ mtls: "PERMISSIVE" }), "helm_release");
    expect(release.values.map((v: string) => parseYaml(v))).toEqual([{ mtlsMode: "PERMISSIVE" }]);
  });

  test("the chart path is relative to the stack folder and named by content hash only", () => {
    const release = onlyResource(synthPolicy(), "helm_release");
    expect(release.chart).toMatch(
      /^assets\/MeshPeerAuthentication_Chart_[0-9A-F]{8}\/[0-9A-F]{32}$/,
    );
    expect(release.repository).toBeUndefined();
  });

  test("waits for what it is given (istiod)", () => {
    const json = Testing.synthScope((scope) => {
      const before = new NamespaceV1(scope, "Before", { metadata: { name: "x" } });
      new MeshPeerAuthentication(scope, "MeshPeerAuthentication", { dependsOn: [before] });
    });
    expect(json).toHaveResourceWithProperties(Release, {
      depends_on: ["kubernetes_namespace_v1.Before"],
    });
  });

  test("the chart renders the mesh-wide PeerAuthentication 'default' with the mode", () => {
    const chart = parseYaml(
      fs.readFileSync(path.join(MESH_POLICY_CHART_DIR, "Chart.yaml"), "utf8"),
    );
    expect(chart).toMatchObject({ apiVersion: "v2", name: "istio-mesh-policy" });
    const template = fs.readFileSync(
      path.join(MESH_POLICY_CHART_DIR, "templates", "peer-authentication.yaml"),
      "utf8",
    );
    expect(template).toContain("kind: PeerAuthentication");
    expect(template).toContain("  name: default\n");
    expect(template).toContain("    mode: {{ .Values.mtlsMode }}");
    expect(template).toContain(
      '.Capabilities.APIVersions.Has "security.istio.io/v1/PeerAuthentication"',
    );
  });

  test("an unknown mode is refused", () => {
    expect(() => synthPolicy({ mtls: "DISABLE" as never })).toThrow(
      `'mtls' must be "STRICT" or "PERMISSIVE", got 'DISABLE'`,
    );
  });
});

describe("MeshPeerAuthentication for a managed control plane", () => {
  test("can ship the stand-in CRD and create the namespace", () => {
    const out = Testing.synthScope((scope: Construct) => {
      new MeshPeerAuthentication(scope, "Policy", { installCrd: true, createNamespace: true });
    });
    expect(out).toHaveResourceWithProperties(Release, {
      name: "istio-mesh-policy",
      skip_crds: false,
      create_namespace: true,
    });
  });

  test("leaves the CRDs to the base chart by default", () => {
    const out = Testing.synthScope((scope: Construct) => {
      new MeshPeerAuthentication(scope, "Policy", {});
    });
    expect(out).toHaveResourceWithProperties(Release, { skip_crds: true, create_namespace: false });
  });
});
