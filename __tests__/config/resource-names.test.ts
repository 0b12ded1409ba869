import { ConfigError, parseConfig } from "../../config/load";
import { boundedName, resourceNames } from "../../config/resource-names";
import { environment, parseEnvironments } from "../fixtures";

describe("names GCP wants unique per project", () => {
  test("derive from the cluster name and location", () => {
    const [env] = parseEnvironments(environment({ cluster: { name: "shop" } }));
    expect(resourceNames(env)).toEqual({
      network: "shop-europe-west1-vpc",
      subnetwork: "shop-europe-west1-nodes",
      router: "shop-europe-west1-router",
      nat: "shop-europe-west1-nat",
      webhookFirewall: "shop-europe-west1-istio-webhooks",
      nodeServiceAccountId: "shop-europe-west1-nodes",
    });
  });

  test("legacyNames keeps the earlier names, from the cluster name alone", () => {
    const [env] = parseEnvironments(environment({ cluster: { name: "shop" }, legacyNames: true }));
    expect(resourceNames(env)).toEqual({
      network: "shop-vpc",
      subnetwork: "shop-nodes",
      router: "shop-vpc-router",
      nat: "shop-vpc-nat",
      webhookFirewall: "shop-istio-webhooks",
      nodeServiceAccountId: "shop-nodes",
    });
  });

  test("two environments, one cluster name, two regions, long names: no name is shared", () => {
    const name = "a-very-long-cluster-name-for-the-shop-01";
    const [a, b] = parseEnvironments(
      environment({ name: "eu", cluster: { name }, location: "europe-west1" }),
      environment({ name: "us", cluster: { name }, location: "us-central1" }),
    );
    const [na, nb] = [resourceNames(a), resourceNames(b)];
    for (const key of Object.keys(na) as (keyof typeof na)[]) {
      expect(na[key]).not.toBe(nb[key]);
    }
    expect(na.nodeServiceAccountId).toMatch(/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/);
    expect(na.webhookFirewall.length).toBeLessThanOrEqual(63);
  });

  test("a long name keeps a prefix and gains a hash of the whole identity", () => {
    expect(boundedName("abc", "vpc", 63, ["x"])).toBe("abc-vpc");
    const long = boundedName("a".repeat(70), "vpc", 63, ["x"]);
    expect(long).toHaveLength(63);
    expect(long).not.toBe(boundedName("a".repeat(70), "vpc", 63, ["y"]));
  });

  test("environments that would create the same name are refused, naming both", () => {
    const run = (...envs: Record<string, unknown>[]) => {
      try {
        parseConfig({ environments: envs }, "e.yaml");
      } catch (e) {
        if (e instanceof ConfigError) return e.problems;
        throw e;
      }
      return [];
    };
    expect(
      run(
        environment({ name: "a", cluster: { name: "shop" }, legacyNames: true }),
        environment({
          name: "b",
          cluster: { name: "shop" },
          location: "us-central1",
          legacyNames: true,
        }),
      ),
    ).toEqual([
      "environments[1] (b): name: creates the network 'shop-vpc' in project test-project, as environments[0] (a) does already; remove legacyNames from one of them, or give it another cluster.name",
      "environments[1] (b): name: creates the service account 'shop-nodes' in project test-project, as environments[0] (a) does already; remove legacyNames from one of them, or give it another cluster.name",
    ]);
    expect(
      run(
        environment({ name: "a", cluster: { name: "shop" } }),
        environment({ name: "b", cluster: { name: "shop" }, location: "us-central1" }),
      ),
    ).toEqual([]);
    expect(
      run(environment({ name: "a", cluster: { name: "shop" } }), environment({ name: "shop" }))[0],
    ).toBe(
      "environments[1] (shop): cluster.name: creates the cluster 'shop' in project test-project, location europe-west1, as environments[0] (a) does already; give one of them another cluster.name or location",
    );
  });
});
