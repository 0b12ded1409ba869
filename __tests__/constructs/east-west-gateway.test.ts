import { Testing } from "cdktf";
import { parse as parseYaml } from "yaml";
import { EastWestGateway, EastWestGatewayProps } from "../../constructs/east-west-gateway";
import { EAST_WEST_REFUSALS, TerraformJson, resourcesOf } from "../fixtures";

function synth(props: EastWestGatewayProps): TerraformJson {
  return JSON.parse(
    Testing.synthScope((scope) => {
      new EastWestGateway(scope, "EastWestGateway", props);
    }),
  );
}

const byName = (json: TerraformJson, name: string) =>
  resourcesOf(json, "helm_release").find((r) => r.name === name)!;

describe("EastWestGateway", () => {
  test("the gateway chart as istio-eastwestgateway in istio-system, a network gateway of its network", () => {
    const release = byName(synth({ network: "shop-eu" }), "istio-eastwestgateway");
    expect(release).toMatchObject({ chart: "gateway", namespace: "istio-system", atomic: true });
    const values = parseYaml(release.values[0]);
    expect(values).toMatchObject({ name: "istio-eastwestgateway", networkGateway: "shop-eu" });
    // Internal by default, reachable from the other members' regions.
    expect(values.service.annotations).toEqual({
      "networking.gke.io/load-balancer-type": "Internal",
      "networking.gke.io/internal-load-balancer-allow-global-access": "true",
    });
    // Two replicas and a PDB by default, spread over the gateway's own pods.
    expect(values.replicaCount).toBe(2);
    expect(values.topologySpreadConstraints[0].labelSelector.matchLabels).toEqual({
      app: "istio-eastwestgateway",
      istio: "eastwestgateway",
    });
  });

  test("external exposure drops the internal load balancer annotations", () => {
    const values = parseYaml(
      byName(synth({ network: "net", exposure: "external" }), "istio-eastwestgateway").values[0],
    );
    expect(values.service).toBeUndefined();
  });

  test("the cross-network Gateway: AUTO_PASSTHROUGH on 15443 for *.local, after the gateway", () => {
    const json = synth({ network: "net" });
    const expose = byName(json, "istio-cross-network-gateway");
    expect(expose.depends_on).toEqual(["helm_release.EastWestGateway_F1341A17"]);
    // The chart's values: what __tests__/charts/istio-cross-network-gateway.test.ts renders.
    expect(parseYaml(expose.values[0])).toEqual({
      name: "cross-network-gateway",
      selector: { istio: "eastwestgateway" },
      port: 15443,
      hosts: ["*.local"],
    });
    expect(expose.chart).toMatch(
      /^assets\/EastWestGateway_ExposeServicesChart_[0-9A-F]{8}\/[0-9A-F]{32}$/,
    );
  });

  test.each(EAST_WEST_REFUSALS)("refuses %j", (props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
