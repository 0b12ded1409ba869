// Types of the cdktf matchers that __tests__/setup.ts installs (Testing.setupJest).
import "cdktf/lib/testing/adapters/jest";
import * as fs from "fs";
import * as path from "path";
import { Testing } from "cdktf";
import { Release } from "@cdktf/provider-helm/lib/release";
import {
  MeshPeerAuthentication,
  MeshPeerAuthenticationProps,
  PEER_AUTHENTICATION_CHART,
  PeerAuthenticationMode,
} from "../../constructs/mesh-peer-authentication";

function synth(props: MeshPeerAuthenticationProps = {}): string {
  return Testing.synthScope((scope) => {
    new MeshPeerAuthentication(scope, "PeerAuthentication", props);
  });
}

describe("MeshPeerAuthentication", () => {
  test("by default: a release of the local chart, mesh-wide STRICT in istio-system, CRD stand-in allowed", () => {
    const out = synth();
    expect(out).toHaveResourceWithProperties(Release, {
      name: "peer-authentication",
      namespace: "istio-system",
      create_namespace: true,
      skip_crds: false,
      set: [
        { name: "name", value: "default" },
        { name: "mode", value: "STRICT" },
      ],
    });
    const release = Object.values(JSON.parse(out).resource.helm_release)[0] as { chart: string };
    expect(release.chart).toMatch(/^\.\/assets\/PeerAuthentication_Chart_[0-9A-F]+\/[0-9A-F]+$/);
  });

  test("a namespace-wide policy, without the CRD stand-in", () => {
    expect(
      synth({ namespace: "shop", name: "shop-mtls", mode: "PERMISSIVE", installCrd: false }),
    ).toHaveResourceWithProperties(Release, {
      name: "peer-authentication-shop-mtls",
      namespace: "shop",
      skip_crds: true,
      set: [
        { name: "name", value: "shop-mtls" },
        { name: "mode", value: "PERMISSIVE" },
      ],
    });
  });

  test("props are validated", () => {
    expect(() => synth({ mode: "MUTUAL" as PeerAuthenticationMode })).toThrow(
      "'mode' must be one of STRICT, PERMISSIVE, DISABLE, got 'MUTUAL'",
    );
    expect(() => synth({ namespace: "Istio_System" })).toThrow(
      "'namespace' must be a Kubernetes namespace name, got 'Istio_System'",
    );
    expect(() => synth({ name: "-x" })).toThrow("'name' must be a lower-case DNS label, got '-x'");
  });

  test("the chart renders one PeerAuthentication from its values and ships the CRD", () => {
    const read = (f: string) => fs.readFileSync(path.join(PEER_AUTHENTICATION_CHART, f), "utf8");
    expect(read("Chart.yaml")).toMatch(/^name: mesh-peer-authentication$/m);
    expect(read("templates/peer-authentication.yaml")).toBe(
      [
        "apiVersion: {{ .Values.apiVersion }}",
        "kind: PeerAuthentication",
        "metadata:",
        "  name: {{ .Values.name | quote }}",
        "  namespace: {{ .Release.Namespace | quote }}",
        "spec:",
        "  mtls:",
        "    mode: {{ .Values.mode | quote }}",
        "",
      ].join("\n"),
    );
    expect(read("values.yaml")).toMatch(/^apiVersion: security\.istio\.io\/v1beta1$/m);
    expect(read("crds/peerauthentications.security.istio.io.yaml")).toMatch(
      /name: peerauthentications\.security\.istio\.io/,
    );
  });
});
