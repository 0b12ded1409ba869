import { synthEnvironment } from "../index";

test("the shop environment synthesizes as reviewed", () => {
  const stacks = synthEnvironment(`
    name: shop
    mode: oss
    project: my-project
    location: europe-west1
    nodePools: [{ name: pool, machineType: e2-standard-8 }]
    istio: { injectionNamespaces: [{ name: shop, create: true }] }
  `);
  expect(Object.keys(stacks)).toEqual(["shop-cluster", "shop-mesh"]);
  expect(stacks["shop-cluster"].resource.google_container_node_pool).toMatchSnapshot();
  expect(stacks["shop-mesh"]).toMatchSnapshot();
});
