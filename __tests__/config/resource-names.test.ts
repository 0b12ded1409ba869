import { createHash } from "crypto";
import { ConfigError, parseConfig } from "../../config/load";
import { boundedName, nameCollisions, resourceNames, shortHash } from "../../config/resource-names";
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

  test("the hash separates the parts, so moving a character between them changes it", () => {
    expect(shortHash(["ab", "c"])).toBe(shortHash(["ab", "c"]));
    expect(shortHash(["ab", "c"])).not.toBe(shortHash(["a", "bc"]));
    expect(shortHash(["a", "b"], 64)).toBe(createHash("sha256").update("a\nb").digest("hex"));
  });

  test("a name of exactly max characters is kept whole; a cut base loses its trailing dashes", () => {
    expect(boundedName("abc", "vpc", 7, ["x"])).toBe("abc-vpc");
    const hash = shortHash(["x"]);
    // keep = 19 - 3 - 6 - 2 = 8 characters of the base: "a-b-cd--"
    expect(boundedName("a-b-cd--fghijklm", "vpc", 19, ["x"])).toBe(`a-b-cd-${hash}-vpc`);
  });

  test("legacy node service account id: 23 characters of the cluster name, no trailing dash", () => {
    const [env] = parseEnvironments(
      environment({ cluster: { name: "a-cdefghijklmnopqrstu--vwxyz" }, legacyNames: true }),
    );
    expect(resourceNames(env).nodeServiceAccountId).toBe("a-cdefghijklmnopqrstu-nodes");
  });
});

describe("nameCollisions: what each environment creates, and where", () => {
  /** Each environment validated on its own, then compared: the lines nameCollisions reports. */
  const collisions = (...envs: Record<string, unknown>[]) => [
    ...nameCollisions(envs.map((e) => parseEnvironments(e)[0])).entries(),
  ];
  const where = "in project test-project";
  const region = "in project test-project, region europe-west1";

  test("a shared network.name collides for the network and subnet; the hint names those keys", () => {
    const network = { name: "net", subnetName: "sub" };
    expect(
      collisions(
        environment({ name: "a", cluster: { name: "one" }, network }),
        environment({ name: "b", cluster: { name: "two" }, network }),
      ),
    ).toEqual([
      [
        1,
        [
          `name: creates the network 'net' ${where}, as environments[0] (a) does already; give one of them another network.name or network.subnetName`,
          `name: creates the subnetwork 'sub' ${region}, as environments[0] (a) does already; give one of them another network.name or network.subnetName`,
        ],
      ],
    ]);
  });

  test("legacyNames on either side is named in the hint", () => {
    const hint = "remove legacyNames from one of them, or give it another cluster.name";
    expect(
      collisions(
        environment({ name: "a", cluster: { name: "shop" }, legacyNames: true }),
        environment({ name: "b", cluster: { name: "other" }, network: { name: "shop-vpc" } }),
      ),
    ).toEqual([
      [
        1,
        [
          `name: creates the network 'shop-vpc' ${where}, as environments[0] (a) does already; ${hint}`,
        ],
      ],
    ]);
  });

  test("an existing network is not created; its router only with cloudNat", () => {
    const network = { existing: true, name: "net", subnetName: "sub" };
    const env = (name: string, cloudNat?: boolean) =>
      environment({
        name,
        cluster: { name },
        legacyNames: true,
        network: cloudNat === undefined ? network : { ...network, cloudNat },
      });
    expect(collisions(env("a"), env("b"))).toEqual([]);
    expect(collisions(env("a", true), env("b", true))).toEqual([
      [
        1,
        [
          `name: creates the router 'net-router' ${region}, as environments[0] (a) does already; remove legacyNames from one of them, or give it another cluster.name`,
        ],
      ],
    ]);
  });

  test("oss with private nodes creates the webhook firewall rule; a pool without an account, the node account", () => {
    const hint = "remove legacyNames from one of them, or give it another cluster.name";
    const pools = [
      { name: "own", serviceAccount: "nodes@p.iam.gserviceaccount.com" },
      { name: "p" },
    ];
    const env = (name: string, location: string, extra: Record<string, unknown> = {}) =>
      environment({
        name,
        location,
        mode: "oss",
        cluster: { name: "shop", ...extra },
        legacyNames: true,
        nodePools: pools,
      });
    expect(collisions(env("a", "europe-west1"), env("b", "us-central1"))).toEqual([
      [
        1,
        [
          `name: creates the network 'shop-vpc' ${where}, as environments[0] (a) does already; ${hint}`,
          `name: creates the firewall rule 'shop-istio-webhooks' ${where}, as environments[0] (a) does already; ${hint}`,
          `name: creates the service account 'shop-nodes' ${where}, as environments[0] (a) does already; ${hint}`,
        ],
      ],
    ]);
    // Public nodes without deletion protection need no webhook rule (with it, the cluster may
    // still be private: hasWebhookFirewall); pools that all name an account need no node account.
    const own = [pools[0]];
    expect(
      collisions(
        environment({
          name: "a",
          mode: "oss",
          cluster: { name: "shop", privateNodes: false, deletionProtection: false },
          legacyNames: true,
          nodePools: own,
        }),
        environment({
          name: "b",
          location: "us-central1",
          mode: "oss",
          cluster: { name: "shop", privateNodes: false, deletionProtection: false },
          legacyNames: true,
          nodePools: own,
        }),
      ),
    ).toEqual([
      [
        1,
        [
          `name: creates the network 'shop-vpc' ${where}, as environments[0] (a) does already; ${hint}`,
        ],
      ],
    ]);
  });
});
