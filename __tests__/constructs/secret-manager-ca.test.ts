import { Testing } from "cdktf";
import { SecretManagerCa, SecretManagerCaProps } from "../../constructs/secret-manager-ca";
import { IstioHelmInstall } from "../../constructs/istio-helm-install";
import { TerraformJson, resourcesOf } from "../fixtures";

function synth(props: SecretManagerCaProps, install = false): TerraformJson {
  return JSON.parse(
    Testing.synthScope((scope) => {
      const ca = new SecretManagerCa(scope, "Ca", props);
      if (install) new IstioHelmInstall(scope, "Istio", { caCertificates: ca.certificates });
    }),
  );
}

describe("SecretManagerCa", () => {
  test("four secrets, one file each, at the latest version by default", () => {
    const versions = Object.values<TerraformJson>(
      synth({ secretPrefix: "istio-ca-eu" }).data.google_secret_manager_secret_version,
    );
    // cdktf sorts a stack's blocks by id: CaCert, CaKey, CertChain, RootCert.
    expect(versions.map((v) => [v.secret, v.version, v.project])).toEqual([
      ["istio-ca-eu-ca-cert", "latest", undefined],
      ["istio-ca-eu-ca-key", "latest", undefined],
      ["istio-ca-eu-cert-chain", "latest", undefined],
      ["istio-ca-eu-root-cert", "latest", undefined],
    ]);
  });

  test("a full secret name gives the project", () => {
    const versions = Object.values<TerraformJson>(
      synth({ secretPrefix: "projects/ca-project/secrets/mesh-ca", version: "4" }).data
        .google_secret_manager_secret_version,
    );
    expect(new Set(versions.map((v) => `${v.project}/${v.version}`))).toEqual(
      new Set(["ca-project/4"]),
    );
    expect(versions[1].secret).toBe("mesh-ca-ca-key");
  });

  test("into the Secret cacerts in istio-system, which the base chart (so every istiod) waits for", () => {
    const json = synth({ secretPrefix: "istio-ca-eu" }, true);
    const [cacerts] = resourcesOf(json, "kubernetes_secret_v1");
    expect(cacerts.metadata).toEqual({ name: "cacerts", namespace: "istio-system" });
    expect(Object.keys(cacerts.data).sort()).toEqual([
      "ca-cert.pem",
      "ca-key.pem",
      "cert-chain.pem",
      "root-cert.pem",
    ]);
    expect(cacerts.data["ca-key.pem"]).toMatch(
      /^\$\{data\.google_secret_manager_secret_version\.Ca_CaKey_[0-9A-F]{8}\.secret_data\}$/,
    );
    const base = resourcesOf(json, "helm_release").find((r) => r.name === "istio-base")!;
    expect(base.depends_on).toContainEqual(
      expect.stringMatching(/^kubernetes_secret_v1\.Istio_CaCerts_/),
    );
    const istiod = resourcesOf(json, "helm_release").find((r) => r.name === "istiod")!;
    expect(istiod.depends_on).toContainEqual(expect.stringMatching(/^helm_release\.Istio_Base_/));
  });

  test.each([
    [
      { secretPrefix: "bad prefix" },
      /'secretPrefix' must be a Secret Manager secret id prefix .*got 'bad prefix'/,
    ],
    [
      { secretPrefix: "projects/ca-project/secrets/x", project: "other-project" },
      /'project' 'other-project' contradicts the project of 'secretPrefix' 'projects\/ca-project\/secrets\/x'/,
    ],
  ])("refuses %j", (props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
