import { parse as parseYaml } from "yaml";
import { CROSS_NETWORK_GATEWAY_CHART_DIR } from "../../constructs/east-west-gateway";
import { helmOnChart } from "../helm-render";

// Renders the local chart with the suite's real Helm 3; the example test renders it through the
// synthesized releases too.
// Remembered by content (helm-render.ts's helmOnChart): a refusal runs Helm every time.
const template = (...args: string[]) =>
  helmOnChart(
    ["template", "x", CROSS_NETWORK_GATEWAY_CHART_DIR, "--namespace", "istio-system", ...args],
    CROSS_NETWORK_GATEWAY_CHART_DIR,
  );

test("lints clean", () => {
  expect(
    helmOnChart(["lint", CROSS_NETWORK_GATEWAY_CHART_DIR], CROSS_NETWORK_GATEWAY_CHART_DIR).status,
  ).toBe(0);
});

test("renders the Gateway: 15443 TLS AUTO_PASSTHROUGH for *.local on the east-west pods", () => {
  const out = template("--api-versions", "networking.istio.io/v1/Gateway");
  expect(out.status).toBe(0);
  expect(parseYaml(out.stdout)).toEqual({
    apiVersion: "networking.istio.io/v1",
    kind: "Gateway",
    metadata: { name: "cross-network-gateway", namespace: "istio-system" },
    spec: {
      selector: { istio: "eastwestgateway" },
      servers: [
        {
          port: { number: 15443, name: "tls", protocol: "TLS" },
          tls: { mode: "AUTO_PASSTHROUGH" },
          hosts: ["*.local"],
        },
      ],
    },
  });
  // Istio before 1.22 serves only v1beta1.
  expect(parseYaml(template().stdout).apiVersion).toBe("networking.istio.io/v1beta1");
});

test("refuses an empty host list at render time", () => {
  const bad = template("--set", "hosts=null");
  expect(bad.status).not.toBe(0);
  expect(bad.stderr).toContain("hosts must list at least one host");
});
