// Your own resources next to the mesh, ordered after Istio: `dependsOn: [istio]`. cdktf resolved
// a construct without `fqn` to nothing, so the dependency vanished from depends_on without a word.
import { Testing } from "cdktf";
import { Release } from "@cdktf/provider-helm/lib/release";
import { IstioHelmInstall, IstioHelmInstallProps } from "../../constructs/istio-helm-install";
import { TerraformJson } from "../fixtures";

/** GIVEN an install and a cert-manager release that depends on it: the stack's JSON. */
function withCertManager(props: IstioHelmInstallProps): TerraformJson {
  return JSON.parse(
    Testing.synthScope((scope) => {
      const istio = new IstioHelmInstall(scope, "Istio", props);
      new Release(scope, "CertManager", {
        name: "cert-manager",
        repository: "https://charts.jetstack.io",
        chart: "cert-manager",
        dependsOn: [istio],
      });
    }),
  );
}

/** The helm_release address of the release with this helm name. */
function addressOf(stack: TerraformJson, name: string): string {
  const found = Object.entries(stack.resource.helm_release as Record<string, TerraformJson>).find(
    ([, body]) => body.name === name,
  );
  if (!found) throw new Error(`no helm_release named ${name}`);
  return `helm_release.${found[0]}`;
}

const certManager = (stack: TerraformJson) => stack.resource.helm_release.CertManager;

describe("dependsOn: [istio] on your own resources", () => {
  test("current charts: waits for the mesh policy, which waits for istiod, which waits for base", () => {
    const stack = withCertManager({ version: "1.30.5" });
    expect(certManager(stack).depends_on).toEqual([addressOf(stack, "istio-mesh-policy")]);
    const policy = Object.values(stack.resource.helm_release as Record<string, TerraformJson>).find(
      (r) => r.name === "istio-mesh-policy",
    )!;
    expect(policy.depends_on).toContain(addressOf(stack, "istiod"));
  });

  test("ambient: the same mesh policy", () => {
    const stack = withCertManager({ version: "1.30.5", dataplane: "ambient" });
    expect(certManager(stack).depends_on).toEqual([addressOf(stack, "istio-mesh-policy")]);
  });

  test("legacy charts (no mesh policy release): waits for the istio release", () => {
    const stack = withCertManager({ version: "1.4.10" });
    expect(certManager(stack).depends_on).toEqual([addressOf(stack, "istio")]);
  });

  test("the install is what TypeScript accepts in dependsOn, and names a real address", () => {
    const stack = withCertManager({});
    const [address] = certManager(stack).depends_on as string[];
    const [type, key] = address.split(".");
    expect(stack.resource[type][key]).toBeDefined();
  });
});
