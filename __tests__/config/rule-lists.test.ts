// Every entry of each list that drives an environment-file rule has its own refusal pinned, from
// a case written out here (see __tests__/list-cases.ts: a new entry without a case fails, and so
// does a removed one). Lists whose entries are a type's members (MODES, DATAPLANES, the legacy
// profiles, CONFIG_NAMES) are left to tsc: dropping one breaks the code that names it.
import { CSM_CHANNELS, NEVER_INJECTED, OSS_ONLY_ISTIO_KEYS } from "../../config/cross-field-rules";
import { defaultBootDiskType, HYPERDISK_ONLY_SERIES } from "../../config/gke-api-rules";
import { PLAN_VALUES } from "../../config/istio-revisions";
import { DEFAULT_ISTIO_VERSION } from "../../config/istio-versions";
import { unknownValueWarnings } from "../../config/known-chart-values";
import chartKeys from "../../config/chart-keys.json";
import { EXISTING_NAMESPACES } from "../../constructs/sidecar-injection";
import { IstioHelmInstall } from "../../constructs/istio-helm-install";
import { RETIRED_HOSTS } from "../../facts/istio-hosting";
import { Testing } from "cdktf";
import { configProblems, environment, parseEnvironments } from "../fixtures";
import { entryCases, listedCase } from "../list-cases";

/** The problem lines of one environment (prefix "environments[0] (test): " dropped); [] if valid. */
function problems(overrides: Record<string, unknown>): string[] {
  return configProblems(() => parseEnvironments(environment(overrides))).map((p) =>
    p.replace(/^environments\[0\] \(test\): /, ""),
  );
}

describe("OSS_ONLY_ISTIO_KEYS: each is refused outside mode oss, accepted in it", () => {
  // A valid value of each key (valid in mode oss, so the only refusal is the mode's).
  const revisions = [{ name: "stable", version: DEFAULT_ISTIO_VERSION }];
  const CASES: Record<string, Record<string, unknown>> = {
    version: { version: DEFAULT_ISTIO_VERSION },
    chartRepository: { chartRepository: "https://charts.example.com/istio" },
    hub: { hub: "europe-docker.pkg.dev/my-project/istio" },
    profile: { version: "1.4.10", profile: "demo" },
    values: { values: { pilot: { autoscaleEnabled: false } } },
    ingressGateway: { ingressGateway: false },
    minReplicas: { minReplicas: 3 },
    revisions: { revisions },
    tags: { revisions, tags: { prod: "stable" } },
    defaultRevision: { revisions, defaultRevision: "stable" },
  };

  test.each(entryCases(OSS_ONLY_ISTIO_KEYS, CASES))("istio.%s", (key, row) => {
    const istio = listedCase(key, row);
    expect(problems({ mode: "oss", istio })).toEqual([]);
    for (const mode of ["managed", "cloud-service-mesh"]) {
      expect(problems({ mode, istio })).toContain(
        `istio.${key}: applies to mode oss only (Istio installed by Helm), got it with mode ${mode}; remove it or set mode: oss`,
      );
    }
  });
});

describe("NEVER_INJECTED: each namespace is refused in istio.injectionNamespaces", () => {
  const CASES = {
    "kube-system": true,
    "kube-public": true,
    "kube-node-lease": true,
    "istio-system": true,
  };

  test.each(entryCases(NEVER_INJECTED, CASES))("%s", (namespace, row) => {
    listedCase(namespace, row);
    expect(problems({ mode: "oss", istio: { injectionNamespaces: [namespace] } })).toEqual([
      `istio.injectionNamespaces[0]: '${namespace}' must not get sidecars (system and control-plane namespaces: ${Object.keys(CASES).join(", ")}); list your workloads' namespaces`,
    ]);
  });

  test("a namespace of one's own is accepted", () => {
    expect(problems({ mode: "oss", istio: { injectionNamespaces: ["shop"] } })).toEqual([]);
  });
});

describe("EXISTING_NAMESPACES: each is refused with create: true", () => {
  const CASES = {
    default: true,
    "kube-system": true,
    "kube-public": true,
    "kube-node-lease": true,
  };

  test.each(entryCases(EXISTING_NAMESPACES, CASES))("%s", (namespace, row) => {
    listedCase(namespace, row);
    expect(
      problems({
        mode: "oss",
        istio: { injectionNamespaces: [{ name: namespace, create: true }] },
      }),
    ).toContain(
      `istio.injectionNamespaces[0].create: true for '${namespace}', which every cluster has already; remove create`,
    );
  });

  test("a namespace of one's own can be created", () => {
    expect(
      problems({ mode: "oss", istio: { injectionNamespaces: [{ name: "shop", create: true }] } }),
    ).toEqual([]);
  });
});

describe("config/chart-keys.json: every key of every chart and minor passes without a warning", () => {
  // Its entries are pinned against Istio's real charts by __tests__/upstream/chart-keys.test.ts
  // (a dropped key fails there); here each one's effect: no "unknown key" warning.
  const rows = Object.entries(chartKeys as Record<string, Record<string, string[]>>).flatMap(
    ([chart, byMinor]) =>
      Object.entries(byMinor).map(([minor, keys]) => [chart, minor, keys] as const),
  );

  test("the table has the charts synth installs", () => {
    expect(Object.keys(chartKeys).sort()).toEqual(expect.arrayContaining(["base", "istiod"]));
    expect(rows.length).toBeGreaterThan(4);
  });

  test.each(rows)("%s %s", (chart, minor, keys) => {
    expect(keys.length).toBeGreaterThan(0);
    const values = Object.fromEntries(keys.map((k) => [k, {}]));
    expect(unknownValueWarnings(chart, `${minor}.0`, values)).toEqual([]);
    expect(unknownValueWarnings(chart, `${minor}.0`, { ...values, notAKey: 1 })).toHaveLength(1);
  });
});

describe("RETIRED_HOSTS: each is refused in istio.chartRepository and istio.hub, and by IstioHelmInstall", () => {
  const CASES = {
    "istio-release.storage.googleapis.com": "2026-12-31",
    "storage.googleapis.com/istio-release": "2026-12-31",
    "gcr.io/istio-release": "2026-12-31",
    "registry.istio.io/release": "2026-12-31",
  };

  test.each(
    entryCases(
      RETIRED_HOSTS.map((h) => h.prefix),
      CASES,
    ),
  )("%s", (prefix, row) => {
    const retired = listedCase(prefix, row);
    const host = RETIRED_HOSTS.find((h) => h.prefix === prefix)!;
    const chartRepository = `https://${prefix}/charts`;
    const why = `names ${prefix}, which Istio retires by ${retired} (${host.what})`;
    expect(problems({ mode: "oss", istio: { chartRepository, hub: `${prefix}/x` } })).toEqual([
      `istio.chartRepository: ${why}, got ${JSON.stringify(chartRepository)}`,
      `istio.hub: ${why}, got ${JSON.stringify(`${prefix}/x`)}`,
    ]);
    for (const [prop, value] of [
      ["chartRepository", chartRepository],
      ["hub", `${prefix}/x`],
    ]) {
      expect(() =>
        Testing.synthScope((scope) => {
          new IstioHelmInstall(scope, "Istio", { [prop]: value });
        }),
      ).toThrow(`'${prop}' names ${prefix}, which Istio retires by ${retired}, got '${value}'`);
    }
  });
});

describe("CSM_CHANNELS: each GKE channel CSM follows is accepted in mode cloud-service-mesh", () => {
  const CASES = { RAPID: true, REGULAR: true, STABLE: true, UNSPECIFIED: true };

  test.each(entryCases(CSM_CHANNELS, CASES))("%s", (releaseChannel, row) => {
    listedCase(releaseChannel, row);
    expect(problems({ mode: "cloud-service-mesh", cluster: { releaseChannel } })).toEqual([]);
  });

  test("a channel CSM does not follow is refused", () => {
    expect(
      problems({ mode: "cloud-service-mesh", cluster: { releaseChannel: "EXTENDED" } }),
    ).toEqual([
      `cluster.releaseChannel: 'EXTENDED' has no managed Cloud Service Mesh channel (CSM follows RAPID, REGULAR, STABLE and no channel, UNSPECIFIED, which it runs as REGULAR); choose one of ${Object.keys(CASES).join(", ")}`,
    ]);
  });
});

describe("HYPERDISK_ONLY_SERIES: each refuses a pd-* boot disk and defaults to hyperdisk-balanced", () => {
  const CASES = {
    n4: "n4-standard-8",
    c4: "c4-standard-8",
    c4a: "c4a-standard-8",
    c4d: "c4d-standard-8",
  };

  test.each(entryCases(HYPERDISK_ONLY_SERIES, CASES))("%s", (series, row) => {
    const machineType = listedCase(series, row);
    expect(defaultBootDiskType(machineType)).toBe("hyperdisk-balanced");
    expect(problems({ nodePools: [{ name: "p", machineType, diskType: "pd-balanced" }] })).toEqual([
      `nodePools[0].diskType: 'pd-balanced' is refused by Compute Engine on machine type '${machineType}' (${series.toUpperCase()} VMs take only Hyperdisk); remove diskType (hyperdisk-balanced is then the default) or set it to hyperdisk-balanced`,
    ]);
  });

  test("another series keeps pd-balanced", () => {
    expect(defaultBootDiskType("e2-standard-4")).toBe("pd-balanced");
    expect(problems({ nodePools: [{ name: "p", diskType: "pd-ssd" }] })).toEqual([]);
  });
});

describe("PLAN_VALUES: each is refused in istio.values beside istio.revisions", () => {
  const CASES = { revision: true, revisionTags: true };

  test.each(entryCases(PLAN_VALUES, CASES))("%s", (key, row) => {
    listedCase(key, row);
    const revisions = [{ name: "stable", version: DEFAULT_ISTIO_VERSION }];
    expect(problems({ mode: "oss", istio: { revisions, values: { [key]: "x" } } })).toContain(
      `istio.values.${key}: set by istio.revisions and istio.tags; remove it from istio.values`,
    );
  });
});
