import * as cp from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { PROJECT_ROOT } from "../app-synth";

// Renders the local chart with a real helm: HELM_BIN, helm on PATH, or the workplace's helmrender
// Helm; otherwise skips with the reason. The stack test renders it through the release too.
const CHART = path.resolve(__dirname, "../../charts/istio-waypoint");
const works = (bin: string) =>
  cp.spawnSync(bin, ["version", "--short"], { encoding: "utf8" }).status === 0;
function findHelm(): string | undefined {
  for (const bin of [process.env.HELM_BIN, "helm"]) if (bin && works(bin)) return bin;
  const renderJs = path.resolve(PROJECT_ROOT, "../shared/helmrender/render.js");
  if (!fs.existsSync(renderJs)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bin = (require(renderJs) as { helmBinary(): string }).helmBinary();
  return works(bin) ? bin : undefined;
}
const HELM = findHelm();
if (!HELM) console.warn("waypoint chart rendering skipped: no helm binary (set HELM_BIN)");
const maybe = HELM ? test : test.skip;

const template = (...args: string[]) =>
  cp.spawnSync(HELM!, ["template", "waypoint", CHART, "--namespace", "shop", ...args], {
    encoding: "utf8",
  });

maybe("lints clean", () => {
  expect(cp.spawnSync(HELM!, ["lint", CHART], { encoding: "utf8" }).status).toBe(0);
});

maybe("renders one Gateway of class istio-waypoint with the HBONE listener", () => {
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

maybe.each([
  [["--set", "trafficType=pods"], 'trafficType must be service, workload, all or none, got "pods"'],
  [["--set", "name=Bad_Name"], 'name must be a DNS label, got "Bad_Name"'],
])("refuses bad values at render time (%j)", (args, message) => {
  const bad = template(...args);
  expect(bad.status).not.toBe(0);
  expect(bad.stderr).toContain(message);
});
