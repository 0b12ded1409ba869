import * as path from "path";
import { parse as parseYaml } from "yaml";
import { helmOnChart } from "../helm-render";

// Renders the local chart with the suite's real Helm 3 (HELM_BIN names another); the stack test
// renders it through the synthesized release too.
const CHART = path.resolve(__dirname, "../../charts/istio-waypoint");

// Remembered by content (helm-render.ts's helmOnChart): a refusal runs Helm every time.
const template = (...args: string[]) =>
  helmOnChart(["template", "waypoint", CHART, "--namespace", "shop", ...args], CHART);

test("lints clean", () => {
  expect(helmOnChart(["lint", CHART], CHART).status).toBe(0);
});

test("renders one Gateway of class istio-waypoint with the HBONE listener", () => {
  const out = template("--set", "name=reviews", "--set", "trafficType=all");
  expect(out.status).toBe(0);
  expect(parseYaml(out.stdout)).toEqual({
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "Gateway",
    metadata: { name: "reviews", namespace: "shop", labels: { "istio.io/waypoint-for": "all" } },
    spec: {
      gatewayClassName: "istio-waypoint",
      listeners: [{ name: "mesh", port: 15008, protocol: "HBONE" }],
    },
  });
});

test.each([
  [["--set", "trafficType=pods"], 'trafficType must be service, workload, all or none, got "pods"'],
  [["--set", "name=Bad_Name"], 'name must be a DNS label, got "Bad_Name"'],
])("refuses bad values at render time (%j)", (args, message) => {
  const bad = template(...args);
  expect(bad.status).not.toBe(0);
  expect(bad.stderr).toContain(message);
});
