// upstream/environment.ts: where an environment's charts and images come from, and what it pins.
import { EnvironmentConfig } from "../../config/schema";
import { istioSources, pinnedIstio } from "../../upstream/environment";
import { environment, parseEnvironments } from "../fixtures";

const [oss] = parseEnvironments(environment({ mode: "oss", istio: { version: "1.30.5" } }));

test("defaults: where Istio publishes today (facts/istio-hosting.ts)", () => {
  expect(istioSources(oss)).toEqual({
    chartRepository: {
      value: "https://blob.istio.io/istio-release/charts",
      field: "istio.chartRepository (default)",
    },
    hub: { value: "docker.io/istio", field: "istio.hub (default)" },
  });
});

test("istio.chartRepository and istio.hub when the environment has them (a mirror)", () => {
  const mirrored = {
    ...oss,
    istio: { ...oss.istio, chartRepository: "oci://europe-docker.pkg.dev/p/charts", hub: "" },
  } as EnvironmentConfig;
  expect(istioSources(mirrored)).toEqual({
    chartRepository: {
      value: "oci://europe-docker.pkg.dev/p/charts",
      field: "istio.chartRepository",
    },
    hub: { value: "docker.io/istio", field: "istio.hub (default)" },
  });
});

test("what each mode and dataplane pins: charts and images per version", () => {
  const [managed, ambient, legacy, defaulted] = parseEnvironments(
    environment({ name: "a" }),
    environment({ name: "b", mode: "oss", istio: { version: "1.30.5", dataplane: "ambient" } }),
    environment({ name: "c", mode: "oss", istio: { version: "1.4.10" } }),
    environment({ name: "d", mode: "oss", istio: { ingressGateway: false } }),
  );
  expect(pinnedIstio(managed)).toEqual([]);
  expect(pinnedIstio(ambient)[0]).toMatchObject({
    field: "istio.version",
    charts: ["base", "istiod", "gateway", "cni", "ztunnel"],
    images: ["pilot", "proxyv2", "install-cni", "ztunnel"],
  });
  expect(pinnedIstio(legacy)[0]).toMatchObject({
    charts: ["istio-init", "istio"],
    repository: {
      value: "https://blob.istio.io/istio-release/releases/1.4.10/charts/",
      field: "istio.version (legacy charts)",
    },
  });
  expect(pinnedIstio(defaulted)[0]).toMatchObject({
    field: "istio.version (default)",
    charts: ["base", "istiod"],
  });
});
