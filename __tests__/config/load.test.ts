import { environment, parseEnvironments } from "../fixtures";

describe("cloud-service-mesh environment rules", () => {
  test("Workload Identity cannot be turned off", () => {
    expect(() =>
      parseEnvironments(
        environment({ mode: "cloud-service-mesh", cluster: { workloadIdentity: false } }),
      ),
    ).toThrow(
      "test.yaml: environments[0] (test): cluster.workloadIdentity: false is not allowed with mode cloud-service-mesh, which requires Workload Identity; remove the key or set it true",
    );
  });

  test("node pools must keep the GKE metadata server", () => {
    expect(() =>
      parseEnvironments(
        environment({
          mode: "cloud-service-mesh",
          nodePools: [{ name: "a" }, { name: "b", workloadMetadata: "GCE_METADATA" }],
        }),
      ),
    ).toThrow(
      "test.yaml: environments[0] (test): nodePools[1].workloadMetadata: 'GCE_METADATA' is not allowed with mode cloud-service-mesh, which requires Workload Identity on nodes; remove the key or set it 'GKE_METADATA'",
    );
  });

  test("other modes may turn Workload Identity off", () => {
    expect(() =>
      parseEnvironments(environment({ cluster: { workloadIdentity: false } })),
    ).not.toThrow();
  });
});
