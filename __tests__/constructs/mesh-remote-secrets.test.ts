import { Testing } from "cdktf";
import { ClusterConnection } from "../../constructs/cluster-connection";
import { IstioReaderToken } from "../../constructs/istio-reader-token";
import { MeshRemoteSecrets } from "../../constructs/mesh-remote-secrets";
import { RemoteSecret, RemoteSecretProps } from "../../constructs/remote-secret";
import { TerraformJson, resourcesOf } from "../fixtures";

/** One RemoteSecret of these props, synthesized. */
function synthRemoteSecret(props: RemoteSecretProps): TerraformJson {
  return JSON.parse(
    Testing.synthScope((scope) => {
      new RemoteSecret(scope, "Remote", props);
    }),
  );
}

/** The cross-cluster pieces of a mesh whose members are `names`, each on aliased providers. */
function synthMesh(names: string[]): TerraformJson {
  return JSON.parse(
    Testing.synthScope((scope) => {
      new MeshRemoteSecrets(scope, "RemoteSecrets", {
        members: names.map((name, i) => ({
          clusterName: name,
          connection: new ClusterConnection(scope, `Connection-${name}${i}`, {
            project: "p",
            location: "europe-west1",
            clusterName: name,
            alias: name,
          }),
        })),
      });
    }),
  );
}

describe("MeshRemoteSecrets", () => {
  test("in each member a reader token, in every other member a remote secret with it", () => {
    const json = synthMesh(["eu", "us"]);
    const secrets = resourcesOf(json, "kubernetes_secret_v1");
    const where = (name: string, provider: string) =>
      secrets.filter((s) => s.metadata.name === name && s.provider === provider);
    expect(secrets).toHaveLength(4);
    expect(where("istio-reader-service-account-token", "kubernetes.eu")).toHaveLength(1);
    expect(where("istio-reader-service-account-token", "kubernetes.us")).toHaveLength(1);
    expect(where("istio-remote-secret-us", "kubernetes.eu")).toHaveLength(1);
    const [euInUs] = where("istio-remote-secret-eu", "kubernetes.us");
    expect(euInUs.metadata).toEqual({
      name: "istio-remote-secret-eu",
      namespace: "istio-system",
      labels: { "istio/multiCluster": "true" },
      annotations: { "networking.istio.io/cluster": "eu" },
    });
    // eu's endpoint, CA and reader token, encoded at apply time.
    const kubeconfig: string = euInUs.data.eu;
    expect(kubeconfig).toMatch(/^\$\{yamlencode\(/);
    expect(kubeconfig).toMatch(
      /"server" = "https:\/\/\$\{data\.google_container_cluster\.Connection-eu0_Cluster_[0-9A-F]{8}\.endpoint\}"/,
    );
    expect(kubeconfig).toMatch(
      /"token" = one\(kubernetes_secret_v1\.RemoteSecrets_Reader-eu_[0-9A-F]{8}\.data\[\*\]\.token\)/,
    );
    const [readerEu] = where("istio-reader-service-account-token", "kubernetes.eu");
    expect(readerEu).toMatchObject({
      provider: "kubernetes.eu",
      type: "kubernetes.io/service-account-token",
      wait_for_service_account_token: true,
      metadata: {
        name: "istio-reader-service-account-token",
        namespace: "istio-system",
        annotations: { "kubernetes.io/service-account.name": "istio-reader-service-account" },
      },
    });
  });

  test("a third member adds its token and 2 × 2 secrets, and changes nothing of the first two", () => {
    const two = synthMesh(["eu", "us"]).resource.kubernetes_secret_v1;
    const three = synthMesh(["eu", "us", "asia"]).resource.kubernetes_secret_v1;
    expect(Object.keys(three)).toHaveLength(3 + 6);
    for (const [address, body] of Object.entries(two)) expect(three[address]).toEqual(body);
  });

  test("the kubeconfig carries a bearer token, never an exec plugin (istiod refuses exec)", () => {
    const json = synthRemoteSecret({
      clusterName: "us",
      server: "https://10.0.0.2",
      certificateAuthorityData: "Q0E=",
      token: "secret-token",
    });
    const [secret] = resourcesOf(json, "kubernetes_secret_v1");
    expect(secret.data.us).toContain('"token" = "secret-token"');
    expect(secret.data.us).not.toContain("exec");
  });

  test.each([
    [["eu"], /'members' must list at least two clusters, got 1/],
    [["eu", "eu"], /'members' lists cluster 'eu' twice/],
  ])("refuses %j", (names, message) => {
    expect(() => synthMesh(names)).toThrow(message);
  });

  test("names that Istio cannot carry are refused", () => {
    expect(() =>
      synthRemoteSecret({
        clusterName: "US_1",
        server: "https://x",
        certificateAuthorityData: "x",
        token: "t",
      }),
    ).toThrow(/'clusterName' must be a DNS label .*got 'US_1'/);
    expect(IstioReaderToken).toBeDefined();
  });
});
