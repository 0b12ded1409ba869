import { Testing } from "cdktf";
import { parse as parseYaml } from "yaml";
import {
  AMBIENT_EAST_WEST_GATEWAY_CHART_DIR,
  AmbientEastWestGateway,
  AmbientEastWestGatewayProps,
} from "../../constructs/ambient-east-west-gateway";
import { helmOnChart } from "../helm-render";
import { EAST_WEST_REFUSALS, TerraformJson, onlyResource } from "../fixtures";

function synth(props: AmbientEastWestGatewayProps): TerraformJson {
  return onlyResource(
    JSON.parse(
      Testing.synthScope((scope) => {
        new AmbientEastWestGateway(scope, "EastWest", props);
      }),
    ),
    "helm_release",
  );
}

/** The release's chart rendered by the suite's real Helm 3 with the release's values. */
function render(release: TerraformJson): TerraformJson {
  const out = helmOnChart(
    ["template", "x", AMBIENT_EAST_WEST_GATEWAY_CHART_DIR, "-n", "istio-system", "-f", "-"],
    AMBIENT_EAST_WEST_GATEWAY_CHART_DIR,
    release.values[0],
  );
  if (out.status !== 0) throw new Error(out.stderr);
  return parseYaml(out.stdout);
}

describe("AmbientEastWestGateway", () => {
  test("a Gateway of class istio-east-west: HBONE on 15008, the network label, an internal LB", () => {
    const gateway = render(synth({ network: "shop-eu" }));
    expect(gateway).toEqual({
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "Gateway",
      metadata: {
        name: "istio-eastwestgateway",
        namespace: "istio-system",
        labels: { "topology.istio.io/network": "shop-eu" },
      },
      spec: {
        gatewayClassName: "istio-east-west",
        infrastructure: {
          annotations: {
            "networking.gke.io/load-balancer-type": "Internal",
            "networking.gke.io/internal-load-balancer-allow-global-access": "true",
          },
        },
        listeners: [
          {
            name: "mesh",
            port: 15008,
            protocol: "HBONE",
            tls: {
              mode: "Terminate",
              options: { "gateway.istio.io/tls-terminate-mode": "ISTIO_MUTUAL" },
            },
          },
        ],
      },
    });
  });

  test("external exposure: no infrastructure annotations", () => {
    expect(
      render(synth({ network: "net", exposure: "external" })).spec.infrastructure,
    ).toBeUndefined();
  });

  test.each(EAST_WEST_REFUSALS)("refuses %j", (props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
