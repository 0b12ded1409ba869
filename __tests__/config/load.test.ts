import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CONFIG_ENV_VAR, ConfigError, deepMerge, loadConfig, parseConfig } from "../../config/load";
import { configProblems, environment, parseEnvironments } from "../fixtures";

/** The problems parseConfig reports for one environment, without the file prefix. */
function problemsOf(env: Record<string, unknown>, defaults?: Record<string, unknown>): string[] {
  return problemsOfFile({ defaults, environments: [env] }, "envs.yaml");
}

describe("environment file validation", () => {
  test("a valid environment has no problems and keeps its values", () => {
    expect(problemsOf(environment())).toEqual([]);
    const [env] = parseConfig({ environments: [environment({ istio: { mtls: "PERMISSIVE" } })] });
    expect(env).toMatchObject({ name: "test", mode: "managed", istio: { mtls: "PERMISSIVE" } });
  });

  test.each<[string, Record<string, unknown>, string]>([
    [
      "name",
      { name: "Bad_Name" },
      `environments[0] (Bad_Name): name: must be a lower-case DNS label: a letter, then letters, digits or '-', not ending in '-' (environment names), got "Bad_Name"`,
    ],
    [
      "mode",
      { mode: "manged" },
      `environments[0] (test): mode: must be one of managed, oss, cloud-service-mesh (did you mean 'managed'?), got "manged"`,
    ],
    [
      "project",
      { project: "x" },
      `environments[0] (test): project: must be a GCP project id: 6 to 30 lower-case letters, digits or '-', starting with a letter, got "x"`,
    ],
    [
      "location",
      { location: "us-central" },
      `environments[0] (test): location: must be a GCP region such as 'us-central1' or a zone such as 'us-central1-a' (did you mean 'us-central1'?), got "us-central"`,
    ],
    [
      "unknown key",
      { clustr: {} },
      `environments[0] (test): clustr: unknown key, did you mean 'cluster'? allowed keys are name, mode, project, location, enableApis, cluster, network, nodePools, istio, backend, policy, allowUnlistedLocation, legacyNames`,
    ],
    [
      "empty node pools",
      { nodePools: [] },
      `environments[0] (test): nodePools: must list at least one node pool, got []`,
    ],
    [
      "cluster name length",
      { cluster: { name: "a".repeat(41) } },
      `environments[0] (test): cluster.name: must be at most 40 characters (GKE cluster names), got "${"a".repeat(41)}"`,
    ],
    [
      "release channel",
      { cluster: { releaseChannel: "FAST" } },
      `environments[0] (test): cluster.releaseChannel: must be one of RAPID, REGULAR, STABLE, EXTENDED, UNSPECIFIED, got "FAST"`,
    ],
    [
      "maintenance time",
      { cluster: { maintenanceStartTime: "25:00" } },
      `environments[0] (test): cluster.maintenanceStartTime: must be a time 'HH:MM' in GMT, from 00:00 to 23:59, got "25:00"`,
    ],
    [
      "min master version",
      { cluster: { minMasterVersion: "latest" } },
      `environments[0] (test): cluster.minMasterVersion: must be a GKE version such as '1.30' or '1.30.5-gke.1014001', got "latest"`,
    ],
    [
      "label",
      { cluster: { labels: { Team: "x" } } },
      `environments[0] (test): cluster.labels.Team: label keys must start with a lower-case letter and hold at most 63 lower-case letters, digits, '-' or '_', got "Team"`,
    ],
    [
      "nested unknown key",
      { nodePools: [{ name: "p", machinType: "x" }] },
      `environments[0] (test): nodePools[0].machinType: unknown key, did you mean 'machineType'? allowed keys are name, machineType, minNodeCount, maxNodeCount, initialNodeCount, preemptible, spot, diskSizeGb, diskType, imageType, oauthScopes, autoRepair, autoUpgrade, labels, taints, serviceAccount, secureBoot, integrityMonitoring, workloadMetadata, maxSurge, allowReplacement`,
    ],
    [
      "pool name",
      { nodePools: [{ name: "Pool" }] },
      `environments[0] (test): nodePools[0].name: must be a lower-case DNS label: a letter, then letters, digits or '-', not ending in '-' (node pool names), got "Pool"`,
    ],
    [
      "pool count type",
      { nodePools: [{ name: "p", maxNodeCount: 0 }] },
      `environments[0] (test): nodePools[0].maxNodeCount: Too small: expected number to be >=1, got 0`,
    ],
    [
      "oauth scope",
      { nodePools: [{ name: "p", oauthScopes: ["logging.write"] }] },
      `environments[0] (test): nodePools[0].oauthScopes[0]: must be a scope URL such as 'https://www.googleapis.com/auth/cloud-platform', got "logging.write"`,
    ],
    [
      "mtls",
      { istio: { mtls: "strict" } },
      `environments[0] (test): istio.mtls: must be one of STRICT, PERMISSIVE (did you mean 'STRICT'?), got "strict"`,
    ],
    [
      "absolute state path",
      { backend: { type: "local", path: "/abs/state" } },
      `environments[0] (test): backend.path: must be a path relative to the project, never absolute, got "/abs/state"`,
    ],
    [
      "backend type",
      { backend: { type: "s3" } },
      `environments[0] (test): backend.type: must be { type: local }, { type: gcs, bucket, prefix } or { type: cloud, organization, workspaces: { prefix } }, got {"type":"s3"}`,
    ],
    [
      "authorized network cidr",
      { cluster: { masterAuthorizedNetworks: [{ cidrBlock: "10.0.0.0" }] } },
      `environments[0] (test): cluster.masterAuthorizedNetworks[0].cidrBlock: must be an IPv4 CIDR block such as '10.0.0.0/20', got "10.0.0.0"`,
    ],
    [
      "waiver reason",
      { policy: { waivers: [{ rule: "X", reason: " " }] } },
      `environments[0] (test): policy.waivers[0].reason: a waiver needs a reason, got ""`,
    ],
  ])("%s", (_what, overrides, message) => {
    expect(problemsOf(environment(overrides))).toEqual([message]);
  });

  test.each<[string, Record<string, unknown>, string]>([
    [
      "min > max",
      { nodePools: [{ name: "p", minNodeCount: 5, maxNodeCount: 2 }] },
      "environments[0] (test): nodePools[0].minNodeCount: 5 is greater than maxNodeCount 2; must be <= maxNodeCount",
    ],
    [
      "initial outside",
      { nodePools: [{ name: "p", minNodeCount: 1, maxNodeCount: 3, initialNodeCount: 4 }] },
      "environments[0] (test): nodePools[0].initialNodeCount: 4 is outside minNodeCount..maxNodeCount (1..3); must be between them",
    ],
    [
      "preemptible and spot",
      { nodePools: [{ name: "p", preemptible: true, spot: true }] },
      "environments[0] (test): nodePools[0].spot: true together with preemptible true; choose one of preemptible or spot",
    ],
    [
      "duplicate pool",
      { nodePools: [{ name: "p" }, { name: "p" }] },
      "environments[0] (test): nodePools[1].name: 'p' is used twice; node pool names must be unique",
    ],
    [
      "zone outside region",
      { location: "us-central1-a", cluster: { nodeLocations: ["europe-west1-b"] } },
      "environments[0] (test): cluster.nodeLocations[0]: 'europe-west1-b' is not in the region of location 'us-central1-a'; use zones of us-central1",
    ],
    [
      "open control plane",
      { cluster: { masterAuthorizedNetworks: [{ cidrBlock: "0.0.0.0/0" }] } },
      "environments[0] (test): cluster.masterAuthorizedNetworks[0].cidrBlock: '0.0.0.0/0' opens the control plane to the internet; list the CIDR blocks of your deploy runners and offices",
    ],
    [
      "private endpoint without private nodes",
      { cluster: { privateEndpoint: true, privateNodes: false } },
      "environments[0] (test): cluster.privateEndpoint: true needs private nodes, got privateNodes false; set privateNodes true or privateEndpoint false",
    ],
    [
      "existing network unnamed",
      { network: { existing: true } },
      "environments[0] (test): network.existing: true needs network.name and network.subnetName of the existing network, got nothing and nothing",
    ],
    [
      "network policy off with Dataplane V2",
      { cluster: { networkPolicy: false } },
      "environments[0] (test): cluster.networkPolicy: false has no effect with datapath ADVANCED_DATAPATH (Dataplane V2 always enforces NetworkPolicy); remove it, or set cluster.datapath: LEGACY_DATAPATH as well",
    ],
    [
      "namespace injected twice",
      { istio: { injectionNamespaces: ["shop", "shop"] } },
      "environments[0] (test): istio.injectionNamespaces[1]: 'shop' is listed twice; list each namespace once",
    ],
    [
      "namespace injected twice, once in the long form",
      { istio: { injectionNamespaces: ["shop", { name: "shop" }] } },
      "environments[0] (test): istio.injectionNamespaces[1]: 'shop' is listed twice; list each namespace once",
    ],
    [
      "namespace entry neither a name nor an object",
      { istio: { injectionNamespaces: [42] } },
      "environments[0] (test): istio.injectionNamespaces[0]: must be a namespace name or { name, ... }, got 42",
    ],
    [
      "unknown key in a long-form namespace entry",
      { istio: { injectionNamespaces: [{ name: "shop", nmae: "x" }] } },
      "environments[0] (test): istio.injectionNamespaces[0].nmae: unknown key, did you mean 'name'? allowed keys are name, revision, waypoint, create",
    ],
    [
      "system namespace injected",
      { istio: { injectionNamespaces: ["kube-system"] } },
      "environments[0] (test): istio.injectionNamespaces[0]: 'kube-system' must not get sidecars (system and control-plane namespaces: kube-system, kube-public, kube-node-lease, istio-system); list your workloads' namespaces",
    ],
    [
      "gateway namespace injected in oss mode",
      { mode: "oss", istio: { injectionNamespaces: ["istio-ingress"] } },
      "environments[0] (test): istio.injectionNamespaces[0]: 'istio-ingress' is created and labelled by the ingress gateway install already; remove it, or set istio.ingressGateway: false",
    ],
    [
      "network name too long for its router",
      { network: { name: "n".repeat(57) } },
      `environments[0] (test): network.name: must be at most 56 characters (network names), got "${"n".repeat(57)}"`,
    ],
    [
      "network project without an existing network",
      { network: { project: "host-project" } },
      "environments[0] (test): network.project: 'host-project' names the owner of an existing network; set network.existing: true with its name and subnetName, or remove network.project",
    ],
    [
      "oss-only key in managed mode",
      { istio: { version: "1.30.5" } },
      "environments[0] (test): istio.version: applies to mode oss only (Istio installed by Helm), got it with mode managed; remove it or set mode: oss",
    ],
    [
      "oss-only key in cloud-service-mesh mode",
      { mode: "cloud-service-mesh", istio: { minReplicas: 3 } },
      "environments[0] (test): istio.minReplicas: applies to mode oss only (Istio installed by Helm), got it with mode cloud-service-mesh; remove it or set mode: oss",
    ],
    [
      "port exceptions under PERMISSIVE",
      {
        mode: "cloud-service-mesh",
        istio: {
          mtls: "PERMISSIVE",
          mtlsPortExceptions: [{ namespace: "shop", selector: { app: "web" }, ports: [8080] }],
        },
      },
      "environments[0] (test): istio.mtlsPortExceptions: makes ports PERMISSIVE under a STRICT mesh, but istio.mtls is 'PERMISSIVE', which accepts plaintext everywhere already; remove it or set istio.mtls: STRICT",
    ],
    [
      "port exceptions in managed mode",
      {
        istio: {
          mtlsPortExceptions: [{ namespace: "shop", selector: { app: "web" }, ports: [8080] }],
        },
      },
      "environments[0] (test): istio.mtlsPortExceptions: applies to modes oss and cloud-service-mesh (a PeerAuthentication installed by Helm), got mode managed; remove it",
    ],
    [
      "port exceptions on the legacy charts",
      {
        mode: "oss",
        istio: {
          version: "1.4.10",
          mtlsPortExceptions: [{ namespace: "shop", selector: { app: "web" }, ports: [8080] }],
        },
      },
      "environments[0] (test): istio.mtlsPortExceptions: needs the current charts (PeerAuthentication), got istio.version '1.4.10' (legacy charts); remove it or move to a current version",
    ],
  ])("cross-field rule: %s", (_what, overrides, message) => {
    expect(problemsOf(environment(overrides))).toEqual([message]);
  });

  test("a namespace every cluster has is never created", () => {
    expect(
      problemsOf(
        environment({ istio: { injectionNamespaces: [{ name: "default", create: true }] } }),
      ),
    ).toEqual([
      "environments[0] (test): istio.injectionNamespaces[0].create: true for 'default', which every cluster has already; remove create",
    ]);
  });

  test("istio-ingress may be injected where no current gateway install owns it", () => {
    expect(
      problemsOf(
        environment({
          mode: "oss",
          istio: { version: "1.4.10", injectionNamespaces: ["istio-ingress"] },
        }),
      ),
    ).toEqual([]);
    expect(
      problemsOf(
        environment({
          mode: "oss",
          istio: { ingressGateway: false, injectionNamespaces: ["istio-ingress"] },
        }),
      ),
    ).toEqual([]);
  });

  test("names must be unique across environments", () => {
    expect(() =>
      parseConfig({ environments: [environment(), environment()] }, "envs.yaml"),
    ).toThrow(
      "envs.yaml: environments[1] (test): name: 'test' is already used by environments[0]; environment names must be unique",
    );
  });

  test("top-level problems", () => {
    expect(() => parseConfig({ environments: [] }, "e.yaml")).toThrow(
      "e.yaml: environments: must list at least one environment, got []",
    );
    expect(() => parseConfig({ environment: [] }, "e.yaml")).toThrow(
      "e.yaml: environment: unknown key, did you mean 'environments'? allowed keys are defaults, environments",
    );
    expect(() => parseConfig({ environments: [42] }, "e.yaml")).toThrow(
      "e.yaml: environments[0]: must be a mapping of settings, got 42",
    );
  });

  test("every problem of every environment is reported, one line each", () => {
    let message = "";
    try {
      parseConfig(
        {
          environments: [
            environment({ mode: "x", location: "y" }),
            environment({ name: "b", project: "p" }),
          ],
        },
        "f.yaml",
      );
    } catch (e) {
      message = (e as ConfigError).message;
    }
    expect(message.split("\n")).toHaveLength(3);
    expect(message).not.toMatch(/\bat .*\.ts:\d+/);
  });

  test("a bad default is reported once, under defaults, not once per environment", () => {
    expect(() =>
      parseConfig(
        {
          defaults: { clustr: {}, istio: { mtls: "strict" } },
          environments: [environment(), environment({ name: "b" })],
        },
        "e.yaml",
      ),
    ).toThrow(
      [
        `e.yaml: defaults: istio.mtls: must be one of STRICT, PERMISSIVE (did you mean 'STRICT'?), got "strict"`,
        "e.yaml: defaults: clustr: unknown key, did you mean 'cluster'? allowed keys are mode, project, location, enableApis, cluster, network, nodePools, istio, backend, policy, allowUnlistedLocation, legacyNames",
      ].join("\n"),
    );
  });

  test("defaults merge under every environment: objects merge, lists are replaced", () => {
    const envs = parseConfig({
      defaults: {
        project: "shared-project",
        cluster: { labels: { team: "platform" }, nodeLocations: ["europe-west1-b"] },
      },
      environments: [
        {
          name: "a",
          mode: "managed",
          location: "europe-west1",
          nodePools: [{ name: "p" }],
          cluster: { name: "a1" },
        },
        {
          name: "b",
          mode: "managed",
          location: "europe-west1",
          nodePools: [{ name: "p" }],
          cluster: { nodeLocations: ["europe-west1-c"] },
        },
      ],
    });
    expect(envs[0]).toMatchObject({
      project: "shared-project",
      cluster: { name: "a1", labels: { team: "platform" } },
    });
    expect(envs[1].cluster?.nodeLocations).toEqual(["europe-west1-c"]);
    expect(deepMerge({ a: [1, 2] }, { a: [3] })).toEqual({ a: [3] });
  });
});

describe("loadConfig", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gke-istio-config-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("reads the default file", () => {
    const config = loadConfig("config/environments.yaml");
    expect(config.environments.map((e) => e.name)).toEqual(["mesh", "ambient", "csm"]);
  });

  test("reads JSON as well as YAML", () => {
    const file = path.join(dir, "envs.json");
    fs.writeFileSync(file, JSON.stringify({ environments: [environment()] }));
    expect(loadConfig(file).environments[0].name).toBe("test");
  });

  test("a missing or malformed file is one clear line", () => {
    expect(() => loadConfig(path.join(dir, "nope.yaml"))).toThrow(
      /nope\.yaml: cannot read the environment file \(ENOENT\)$/,
    );
    const bad = path.join(dir, "bad.yaml");
    fs.writeFileSync(bad, "environments: [\n");
    expect(() => loadConfig(bad)).toThrow(
      new ConfigError(bad, [
        "not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 2, column 1",
      ]),
    );
  });
});

describe("cloud-service-mesh environment rules", () => {
  test("Workload Identity cannot be turned off", () => {
    expect(() =>
      parseEnvironments(
        environment({ mode: "cloud-service-mesh", cluster: { workloadIdentity: false } }),
      ),
    ).toThrow(
      "test.yaml: environments[0] (test): cluster.workloadIdentity: false is not allowed with mode cloud-service-mesh, which requires Workload Identity; remove the key or set it true",
    );
  });

  test("node pools must keep the GKE metadata server", () => {
    expect(() =>
      parseEnvironments(
        environment({
          mode: "cloud-service-mesh",
          nodePools: [{ name: "a" }, { name: "b", workloadMetadata: "GCE_METADATA" }],
        }),
      ),
    ).toThrow(
      "test.yaml: environments[0] (test): nodePools[1].workloadMetadata: 'GCE_METADATA' is not allowed with mode cloud-service-mesh, which requires Workload Identity on nodes; remove the key or set it 'GKE_METADATA'",
    );
  });

  test("other modes may turn Workload Identity off", () => {
    expect(() =>
      parseEnvironments(
        environment({
          cluster: { workloadIdentity: false },
          nodePools: [{ name: "pool", workloadMetadata: "GCE_METADATA" }],
          policy: { waivers: [{ rule: "GKE_NODE_METADATA_SERVER", reason: "test" }] },
        }),
      ),
    ).not.toThrow();
  });
});

/** Every problem parseConfig reports for already-parsed data, without the file prefix. */
function problemsOfFile(data: unknown, file?: string): string[] {
  return configProblems(() => parseConfig(data, file));
}

describe("problem lines, exactly", () => {
  test("a ConfigError is named so, and inline data is called <inline>", () => {
    let error: unknown;
    try {
      parseConfig(42);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).name).toBe("ConfigError");
    expect((error as ConfigError).message).toBe(
      "<inline>: (top level): Invalid input: expected object, received number, got 42",
    );
  });

  test("a label without a string name is the index alone", () => {
    expect(problemsOfFile({ environments: [environment({ name: 42 })] })).toEqual([
      "environments[0]: name: must be a string (environment names), got 42",
    ]);
  });

  test("each unknown key has its own line and its own suggestion", () => {
    expect(problemsOfFile({ environments: [environment({ clustr: 1, nodePool: 2 })] })).toEqual([
      "environments[0] (test): clustr: unknown key, did you mean 'cluster'? allowed keys are name, mode, project, location, enableApis, cluster, network, nodePools, istio, backend, policy, allowUnlistedLocation, legacyNames",
      "environments[0] (test): nodePool: unknown key, did you mean 'nodePools'? allowed keys are name, mode, project, location, enableApis, cluster, network, nodePools, istio, backend, policy, allowUnlistedLocation, legacyNames",
    ]);
  });

  test("a bad map key says what keys must look like, not zod's generic text", () => {
    expect(
      problemsOfFile({ environments: [environment({ cluster: { labels: { "Bad Key": "x" } } })] }),
    ).toEqual([
      `environments[0] (test): cluster.labels.Bad Key: label keys must start with a lower-case letter and hold at most 63 lower-case letters, digits, '-' or '_', got "Bad Key"`,
    ]);
  });

  test("a bad value is shown whole up to 80 characters, then cut to 77 and '...'", () => {
    const line = (location: string) =>
      problemsOfFile({ environments: [environment({ location })] })[0];
    const exact = "x".repeat(78); // JSON.stringify adds the two quotes: 80 characters
    expect(line(exact)).toBe(
      `environments[0] (test): location: must be a GCP region such as 'us-central1' or a zone such as 'us-central1-a', got "${exact}"`,
    );
    expect(line("x".repeat(79))).toBe(
      `environments[0] (test): location: must be a GCP region such as 'us-central1' or a zone such as 'us-central1-a', got "${"x".repeat(76)}...`,
    );
  });

  test("a non-mapping environment is refused as such, a string included", () => {
    expect(problemsOfFile({ environments: ["abc"] })).toEqual([
      `environments[0]: must be a mapping of settings, got "abc"`,
    ]);
    expect(deepMerge({ a: "x", b: { c: 1 } }, { a: "y", b: { d: 2 } })).toEqual({
      a: "y",
      b: { c: 1, d: 2 },
    });
  });

  test("a problem of a value taken from defaults is said once, naming who inherits it", () => {
    const open = { cluster: { masterAuthorizedNetworks: [{ cidrBlock: "0.0.0.0/0" }] } };
    const own = { cluster: { masterAuthorizedNetworks: [{ cidrBlock: "10.10.0.1/16" }] } };
    expect(
      problemsOfFile({
        defaults: open,
        environments: [
          environment({ name: "a" }),
          environment({ name: "b", ...own }),
          environment({ name: "c" }),
        ],
      }),
    ).toEqual([
      "environments[1] (b): cluster.masterAuthorizedNetworks[0].cidrBlock: '10.10.0.1/16' has host bits set, which the GKE API refuses; write the network address of the block (10.10.0.0/16)",
      "defaults (inherited by environments[0] (a), environments[2] (c)): cluster.masterAuthorizedNetworks[0].cidrBlock: '0.0.0.0/0' opens the control plane to the internet; list the CIDR blocks of your deploy runners and offices",
    ]);
  });

  test("collisions are checked only once every environment is valid on its own", () => {
    // Two environments named alike would also create the same cluster: only the name is reported.
    expect(problemsOfFile({ environments: [environment(), environment()] })).toEqual([
      "environments[1] (test): name: 'test' is already used by environments[0]; environment names must be unique",
    ]);
  });
});

describe("loadConfig, file formats and the environment variable", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gke-istio-config-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test(`${CONFIG_ENV_VAR} names the file read by default`, () => {
    expect(CONFIG_ENV_VAR).toBe("GKE_ISTIO_CONFIG");
    const file = path.join(dir, "from-env.yaml");
    fs.writeFileSync(file, JSON.stringify({ environments: [environment({ name: "from-env" })] }));
    const saved = process.env.GKE_ISTIO_CONFIG;
    process.env.GKE_ISTIO_CONFIG = file;
    try {
      expect(loadConfig(undefined, "").environments.map((e) => e.name)).toEqual(["from-env"]);
    } finally {
      if (saved === undefined) delete process.env.GKE_ISTIO_CONFIG;
      else process.env.GKE_ISTIO_CONFIG = saved;
    }
  });

  test(".json is parsed as JSON (a repeated key: the last wins), anything else as YAML", () => {
    const text = JSON.stringify({ environments: [] }).replace(
      /}$/,
      `, "environments": ${JSON.stringify([environment()])}}`,
    );
    const json = path.join(dir, "dup.json");
    const yaml = path.join(dir, "dup.yaml");
    fs.writeFileSync(json, text);
    fs.writeFileSync(yaml, text);
    expect(loadConfig(json, "").environments.map((e) => e.name)).toEqual(["test"]);
    expect(() => loadConfig(yaml, "")).toThrow(
      `${yaml}: not valid YAML: Map keys must be unique at line 1, column`,
    );
  });

  test("a parse error is one line with its position, even where the parser's message spans lines", () => {
    const json = path.join(dir, "bad.json");
    const text = '{\n  "environments": [\n    {"name": "a"},\n  ]\n}\n';
    fs.writeFileSync(json, text);
    expect(() => JSON.parse(text)).toThrow(/\n/); // V8 quotes the file, newlines and all
    expect(() => loadConfig(json, "")).toThrow(
      new ConfigError(json, ['not valid JSON: unexpected "]" at line 4, column 3']),
    );
    expect(() => loadConfig(json, "")).toThrow(/^[^\n]*$/);
    const yaml = path.join(dir, "two.yaml");
    fs.writeFileSync(yaml, "a: 1\na: 2\n");
    expect(() => loadConfig(yaml, "")).toThrow(
      new ConfigError(yaml, ["not valid YAML: Map keys must be unique at line 2, column 1"]),
    );
  });
});
