// Property-based tests of the whole app: a generator of environment files (every key, every
// mode, valid and invalid values) and the run of one file the way main.ts runs it.
//   invariant 1: a file synth accepts synthesizes every stack (then: terraform validate, Helm render)
//   invariant 2: a file synth refuses gets one line per problem, no stack trace, nothing written
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import { OSS_ONLY_ISTIO_KEYS } from "../config/cross-field-rules";
import { ConfigError, parseConfig } from "../config/load";
import { MODES } from "../config/schema";
import { POLICY_RULE_IDS } from "../policy/rules";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/**
 * The arbitraries of one kind of file: `bad` is the weight, against 40, of an invalid value for
 * each key (0: only valid values, though the file may still break a rule across fields).
 */
function arbitraries(bad: number) {
  /** Mostly a valid value, sometimes an invalid one. */
  const mostly = <T, U>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<U>): fc.Arbitrary<T | U> =>
    bad === 0
      ? valid
      : fc.oneof({ weight: 40, arbitrary: valid }, { weight: bad, arbitrary: invalid });
  const bool = mostly(fc.boolean(), fc.constantFrom("yes", 1));
  const enumOf = (values: readonly string[], wrong: string) =>
    mostly(fc.constantFrom(...values), fc.constant(wrong));
  const cidr = (valid: string[], invalid: string[]) =>
    mostly(fc.constantFrom(...valid), fc.constantFrom(...invalid));

  /** An object of optional keys, each present about one time in three. */
  const optional = (shape: Record<string, fc.Arbitrary<unknown>>) =>
    fc
      .record(
        Object.fromEntries(
          Object.entries(shape).map(([key, arb]) => [
            key,
            fc.oneof(
              { weight: 2, arbitrary: fc.constant(undefined) },
              { weight: 1, arbitrary: arb },
            ),
          ]),
        ),
      )
      .map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));

  const ZONES = ["us-central1-a", "us-central1-b", "europe-west1-b", "asia-east1-a"];

  const cluster = optional({
    name: mostly(
      fc.constantFrom("shop", "a-very-long-cluster-name-for-the-shop-01"),
      fc.constant("Bad_Name"),
    ),
    releaseChannel: enumOf(["RAPID", "REGULAR", "STABLE", "EXTENDED", "UNSPECIFIED"], "FAST"),
    // Kubernetes the generated Istio versions support (1.29 and 1.30: 1.32 to 1.35 in common).
    minMasterVersion: mostly(fc.constantFrom("1.33", "1.34.5-gke.1000"), fc.constant("latest")),
    maintenanceStartTime: mostly(fc.constantFrom("03:30", "23:59"), fc.constant("25:00")),
    labels: mostly(fc.constant({ team: "mesh" }), fc.constant({ Team: "x" })),
    deletionProtection: bool,
    nodeLocations: mostly(fc.subarray(ZONES, { minLength: 1 }), fc.constant(["us-central1"])),
    masterAuthorizedNetworks: mostly(
      fc.constant([{ cidrBlock: "203.0.113.0/24", displayName: "ci" }]),
      fc.constant([{ cidrBlock: "0.0.0.0/0" }]),
    ),
    privateNodes: bool,
    privateEndpoint: bool,
    masterIpv4CidrBlock: cidr(
      ["172.16.0.0/28", "172.16.0.16/28"],
      ["172.16.0.0/24", "10.0.0.0/28"],
    ),
    workloadIdentity: bool,
    datapath: enumOf(["ADVANCED_DATAPATH", "LEGACY_DATAPATH"], "CILIUM"),
    networkPolicy: bool,
    binaryAuthorization: bool,
    intranodeVisibility: bool,
    shieldedNodes: bool,
    issueClientCertificate: bool,
    legacyAbac: bool,
    kubernetesAlpha: mostly(fc.constant(false), fc.constant(true)),
    logging: bool,
    monitoring: bool,
    gatewayApi: bool,
    providerAuth: enumOf(["exec", "token"], "password"),
  });

  const network = optional({
    existing: bool,
    project: mostly(fc.constant("host-project-1"), fc.constant("X")),
    name: mostly(fc.constantFrom("shared-vpc", "vpc-a"), fc.constant("-bad")),
    subnetName: mostly(fc.constantFrom("nodes", "subnet-b"), fc.constant("Bad")),
    subnetCidr: cidr(["10.0.0.0/20", "10.16.0.0/20"], ["10.0.0.1/20", "10.4.0.0/16"]),
    podsRangeName: mostly(fc.constant("pods"), fc.constant("")),
    podsCidr: cidr(["10.4.0.0/14", "10.32.0.0/14"], ["10.0.0.0/14", "300.0.0.0/14"]),
    servicesRangeName: mostly(fc.constant("services"), fc.constant("Services")),
    servicesCidr: cidr(["10.8.0.0/20", "10.64.0.0/20"], ["10.4.16.0/20"]),
    cloudNat: bool,
  });

  const pool = (name: string) =>
    optional({
      machineType: mostly(fc.constantFrom("e2-standard-4", "n1-standard-8"), fc.constant("")),
      minNodeCount: mostly(fc.integer({ min: 0, max: 3 }), fc.constant(-1)),
      maxNodeCount: mostly(fc.integer({ min: 1, max: 5 }), fc.constant(0)),
      initialNodeCount: mostly(fc.integer({ min: 0, max: 4 }), fc.constant(2000)),
      preemptible: bool,
      spot: bool,
      diskSizeGb: mostly(fc.constantFrom(50, 100), fc.constant(5)),
      diskType: enumOf(["pd-standard", "pd-balanced", "pd-ssd"], "ssd"),
      imageType: enumOf(["COS_CONTAINERD", "UBUNTU_CONTAINERD"], "COS"),
      oauthScopes: mostly(
        fc.constantFrom(
          ["https://www.googleapis.com/auth/cloud-platform"],
          [
            "https://www.googleapis.com/auth/logging.write",
            "https://www.googleapis.com/auth/monitoring",
          ],
        ),
        fc.constant(["cloud-platform"]),
      ),
      autoRepair: bool,
      autoUpgrade: bool,
      labels: mostly(fc.constant({ role: "mesh" }), fc.constant({ role: 1 })),
      taints: mostly(
        fc.constant([{ key: "dedicated", value: "istio", effect: "NO_SCHEDULE" }]),
        fc.constant([{ key: "dedicated", effect: "NoSchedule" }]),
      ),
      serviceAccount: mostly(
        fc.constant("nodes@my-project-1.iam.gserviceaccount.com"),
        fc.constant("nodes"),
      ),
      secureBoot: bool,
      integrityMonitoring: bool,
      workloadMetadata: enumOf(["GKE_METADATA", "GCE_METADATA"], "NONE"),
      maxSurge: mostly(fc.integer({ min: 1, max: 3 }), fc.constant(0)),
      allowReplacement: bool,
    }).map((keys) => ({ name, ...keys }));

  const namespaceEntry = fc.oneof(
    fc.constantFrom("default", "shop", "payments", "istio-ingress"),
    fc.record(
      {
        name: fc.constantFrom("shop", "apps", "default"),
        create: fc.boolean(),
        revision: fc.constantFrom("stable", "canary", "prod"),
        waypoint: fc.boolean(),
      },
      { requiredKeys: ["name"] },
    ),
    fc.constant("kube-system"),
  );

  const istio = optional({
    mtls: enumOf(["STRICT", "PERMISSIVE"], "strict"),
    dataplane: enumOf(["sidecar", "ambient"], "none"),
    injectionNamespaces: fc.array(namespaceEntry, { maxLength: 3 }),
    version: mostly(fc.constantFrom("1.31.1", "1.30.5", "1.4.10", "1.3.3"), fc.constant("2.0.0")),
    profile: enumOf(["default", "demo", "minimal", "sds"], "tiny"),
    chartRepository: mostly(
      fc.constantFrom(
        "https://blob.istio.io/istio-release/charts",
        "oci://ghcr.io/istio/release/charts",
      ),
      fc.constant("https://istio-release.storage.googleapis.com/charts"),
    ),
    hub: mostly(fc.constant("docker.io/istio"), fc.constant("gcr.io/istio-release")),
    values: mostly(
      fc.constantFrom({}, { pilot: { autoscaleEnabled: false } }),
      fc.constant("pilot.autoscaleEnabled=false"),
    ),
    ingressGateway: mostly(
      fc.oneof(fc.boolean(), fc.constant({ revision: "stable" })),
      fc.constant({ revision: "Bad" }),
    ),
    revisions: mostly(
      fc.constantFrom(
        [{ version: "1.31.1", name: "stable" }],
        [
          { version: "1.30.5", name: "stable" },
          { version: "1.31.1", name: "canary" },
        ],
        [
          { version: "1.29.6", name: "stable", adopt: true },
          { version: "1.30.5", name: "canary" },
        ],
      ),
      fc.constant([{ version: "1.4.10" }]),
    ),
    tags: mostly(fc.constant({ prod: "stable" }), fc.constant({ prod: "missing" })),
    defaultRevision: mostly(fc.constantFrom("stable", "canary"), fc.constant("Bad")),
    clusterAdmins: mostly(
      fc.constant({
        users: ["ops@example.com"],
        groups: ["sre@example.com"],
        serviceAccounts: ["ci@my-project-1.iam.gserviceaccount.com"],
      }),
      fc.constant({ users: ["ops"] }),
    ),
    minReplicas: mostly(fc.integer({ min: 1, max: 6 }), fc.constant(0)),
    mtlsPortExceptions: mostly(
      fc.constant([{ namespace: "shop", selector: { app: "web" }, ports: [8080] }]),
      fc.constant([{ namespace: "shop", selector: {}, ports: [8080] }]),
    ),
  });

  const backend = mostly(
    fc.oneof(
      fc.record(
        { type: fc.constant("local"), path: fc.constant("state/{stack}.tfstate") },
        {
          requiredKeys: ["type"],
        },
      ),
      fc.record(
        { type: fc.constant("gcs"), bucket: fc.constant("tf-state-1"), prefix: fc.constant("gke") },
        { requiredKeys: ["type", "bucket"] },
      ),
      fc.record(
        {
          type: fc.constant("cloud"),
          organization: fc.constant("acme"),
          hostname: fc.constant("tfe.example.com"),
          workspaces: fc.constant({ prefix: "gke-" }),
        },
        { requiredKeys: ["type", "organization", "workspaces"] },
      ),
    ),
    fc.constantFrom({ type: "s3" }, { type: "local", path: "/abs/state" }),
  );

  const policy = fc.record({
    // Often every rule: weakened settings then reach synth instead of the policy check.
    waivers: fc
      .oneof(fc.constant([...POLICY_RULE_IDS]), fc.subarray([...POLICY_RULE_IDS]))
      .map((rules) => rules.map((rule) => ({ rule, reason: "fuzz" }))),
  });

  /** One environment; names are distinct per file (the `index` is part of the name). */
  const environmentAt = (index: number) =>
    fc
      .record(
        {
          mode: mostly(fc.constantFrom(...MODES), fc.constant("istio")),
          project: mostly(fc.constantFrom("my-project-1", "other-proj-2"), fc.constant("P")),
          location: mostly(
            fc.constantFrom("europe-west1", "us-central1", "us-central1-a"),
            fc.constant("mars-1"),
          ),
          enableApis: bool,
          allowUnlistedLocation: bool,
          legacyNames: bool,
          cluster,
          network,
          nodePools: mostly(
            fc
              .tuple(pool("pool-a"), fc.option(pool("pool-b"), { nil: undefined }))
              .map((pools) => pools.filter(Boolean)),
            fc.constant([]),
          ),
          istio,
          backend,
          policy,
          // An unknown key is rare: most files should reach the deeper rules.
          typo: fc.oneof(
            { weight: 15, arbitrary: fc.constant(false) },
            { weight: 1, arbitrary: fc.constant(true) },
          ),
        },
        {
          requiredKeys: ["mode", "project", "location", "nodePools", "policy", "typo"],
        },
      )
      .map(({ typo, ...keys }) => ({
        name: `env-${index}`,
        ...keys,
        ...(typo ? { clustr: {} } : {}),
      }));

  return fc
    .record(
      {
        defaults: optional({ project: fc.constant("my-project-1"), cluster }),
        environments: fc
          .integer({ min: 1, max: 3 })
          .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => environmentAt(i)))),
        // A mesh of some of env-0..env-2 (one may be missing from the file).
        meshes: fc.array(
          fc.record(
            {
              name: fc.constantFrom("shop", "shop", "Bad"),
              environments: fc.subarray(["env-0", "env-1", "env-2"], { minLength: 1 }),
              network: fc.constantFrom("shared", "per-cluster"),
              // oss: a CA in Secret Manager (a member may lack its prefix), or a refused source.
              trust: fc.record(
                {
                  source: fc.constantFrom(
                    "secret-manager",
                    "generated",
                    "certificate-authority-service",
                  ),
                  secretPrefixes: fc.constantFrom(
                    { "env-0": "istio-ca-0", "env-1": "istio-ca-1", "env-2": "istio-ca-2" },
                    { "env-0": "istio-ca-0" },
                    { "env-0": "bad prefix" },
                  ),
                  secretVersion: fc.constantFrom("latest", "2", "v2"),
                },
                { requiredKeys: ["source"] },
              ),
            },
            { requiredKeys: ["name", "environments", "network"] },
          ),
          { maxLength: 1 },
        ),
      },
      { requiredKeys: ["environments"] },
    )
    .map((file) => file as Json);
}

/**
 * An environment file: one to three environments, sometimes with defaults; half the files hold
 * only valid values, the others an invalid value now and then.
 */
export const environmentFile: fc.Arbitrary<Json> = fc.oneof(
  arbitraries(0).map(nudge),
  arbitraries(2),
);

/**
 * Makes a file of valid values keep most rules across fields, so that about half the files are
 * accepted; what it leaves (a collision, an overlap, a policy rule not waived) is refused.
 */
function nudge(file: Json): Json {
  // A mesh needs members on one existing VPC, which the generator never writes: refused always.
  delete file.meshes;
  for (const env of file.environments) {
    const istio = env.istio ?? {};
    if (env.mode !== "oss")
      for (const key of [...OSS_ONLY_ISTIO_KEYS, "dataplane"]) delete istio[key];
    if (istio.revisions) {
      delete istio.version;
      if (istio.revisions.length === 1) delete istio.defaultRevision;
      else istio.defaultRevision ??= "stable";
      // The adopted istiod is the default revision, and no tag or label names it.
      const adopted = istio.revisions.find((r: Json) => r.adopt)?.name;
      if (adopted) {
        istio.defaultRevision = adopted;
        for (const [tag, target] of Object.entries(istio.tags ?? {}))
          if (target === adopted) delete istio.tags[tag];
        if (istio.ingressGateway?.revision === adopted) delete istio.ingressGateway;
        for (const entry of istio.injectionNamespaces ?? [])
          if (entry?.revision === adopted) delete entry.revision;
      }
    } else {
      delete istio.tags;
      delete istio.defaultRevision;
      if (typeof istio.ingressGateway === "object") delete istio.ingressGateway;
    }
    if (!/^1\.[34]\./.test(istio.version ?? "")) delete istio.profile;
    if (
      env.mode === "managed" ||
      istio.mtls === "PERMISSIVE" ||
      /^1\.[34]\./.test(istio.version ?? "")
    )
      delete istio.mtlsPortExceptions;
    const seen = new Set<string>();
    istio.injectionNamespaces = (istio.injectionNamespaces ?? []).filter((entry: Json) => {
      const name = typeof entry === "string" ? entry : entry.name;
      if (typeof entry === "object" && !istio.revisions) delete entry.revision;
      if (typeof entry === "object" && istio.dataplane !== "ambient") delete entry.waypoint;
      const keep =
        !seen.has(name) &&
        !["kube-system", "istio-ingress"].includes(name) &&
        !(name === "default" && entry.create);
      seen.add(name);
      return keep;
    });
    const region = String(env.location).replace(/-[a-z]$/, "");
    const cluster = env.cluster ?? {};
    if (cluster.nodeLocations) {
      cluster.nodeLocations = cluster.nodeLocations.filter((z: string) =>
        z.startsWith(`${region}-`),
      );
      if (cluster.nodeLocations.length === 0) delete cluster.nodeLocations;
    }
    for (const pool of env.nodePools) {
      const min = pool.minNodeCount ?? 1;
      if (pool.maxNodeCount !== undefined && pool.maxNodeCount < min) pool.maxNodeCount = min || 1;
      const max = pool.maxNodeCount ?? Math.max(3, min);
      if (
        pool.initialNodeCount !== undefined &&
        (pool.initialNodeCount < min || pool.initialNodeCount > max)
      )
        delete pool.initialNodeCount;
      if (pool.spot && pool.preemptible) delete pool.preemptible;
      if (cluster.releaseChannel !== "UNSPECIFIED" && !cluster.kubernetesAlpha) {
        if (pool.autoRepair === false) delete pool.autoRepair;
        if (pool.autoUpgrade === false) delete pool.autoUpgrade;
      }
      if (env.mode === "cloud-service-mesh" || cluster.workloadIdentity === false)
        delete pool.workloadMetadata;
    }
    if (cluster.workloadIdentity === false) delete cluster.workloadIdentity;
    if (cluster.privateEndpoint && cluster.privateNodes === false) delete cluster.privateEndpoint;
    if (cluster.networkPolicy === false && cluster.datapath !== "LEGACY_DATAPATH")
      delete cluster.networkPolicy;
    const network = env.network ?? {};
    if (network.existing && !(network.name && network.subnetName)) delete network.existing;
    if (network.project && !network.existing) delete network.project;
  }
  return file;
}

export type Outcome =
  | { readonly kind: "accepted"; readonly outdir: string; readonly stacks: Record<string, Json> }
  | { readonly kind: "refused"; readonly lines: string[]; readonly outdir: string };

/**
 * cdktf, the stacks and the policy check, loaded when the first file gets past validation: a
 * test whose outcomes are all remembered (fuzz-environments.test.ts) loads none of them.
 */
function appModules() {
  /* eslint-disable @typescript-eslint/no-require-imports */
  return {
    App: (require("cdktf") as typeof import("cdktf")).App,
    addEnvironments: (
      require("../stacks/environment-stacks") as typeof import("../stacks/environment-stacks")
    ).addEnvironments,
    policyViolations: (require("../policy/check-policy") as typeof import("../policy/check-policy"))
      .policyViolations,
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/**
 * Runs one environment file as main.ts does, into `outdir`: validation, stacks, the policy
 * check, then synth. Throws what main.ts would let escape as a stack trace.
 */
export function runFile(data: Json, outdir: string): Outcome {
  let environments;
  try {
    environments = parseConfig(data, "fuzz.yaml");
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return { kind: "refused", lines: e.message.split("\n"), outdir };
  }
  const { App, addEnvironments, policyViolations } = appModules();
  const app = new App({ outdir, stackTraces: false });
  addEnvironments(app, environments);
  const violations = policyViolations(app);
  if (violations.length > 0) return { kind: "refused", lines: violations, outdir };
  app.synth();
  return { kind: "accepted", outdir, stacks: stacksIn(outdir) };
}

/** Each stack's Terraform JSON in an output folder the app wrote, by stack name. */
export function stacksIn(outdir: string): Record<string, Json> {
  const stacksDir = path.join(outdir, "stacks");
  return Object.fromEntries(
    fs
      .readdirSync(stacksDir)
      .sort()
      .map((stack) => [
        stack,
        JSON.parse(fs.readFileSync(path.join(stacksDir, stack, "cdk.tf.json"), "utf8")),
      ]),
  );
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => fs.statSync(path.join(dir, f)).isFile());
}

/** A problem line as the loader and the policy check write them: never a stack trace. */
const PROBLEM_LINE =
  /^(fuzz\.yaml: (environments\[\d+\]( \([^)]*\))?|defaults( \(inherited by environments\[\d+\]( \([^)]*\))?(, environments\[\d+\]( \([^)]*\))?)*\))?|meshes\[\d+\]( \([^)]*\))?|\(top level\)|[a-z]\w*): .+|(GKE|ISTIO)_[A-Z0-9_]+ at \S+ \(\S+\): .+)$/;

/** Invariant 2, for a refused file: what is wrong with its output, or undefined. */
export function refusalProblem(outcome: Outcome): string | undefined {
  if (outcome.kind !== "refused") return undefined;
  if (outcome.lines.length === 0) return "refused without a problem line";
  const bad = outcome.lines.find((l) => !PROBLEM_LINE.test(l) || /^\s+at /.test(l));
  if (bad !== undefined) return `not a one-line problem: ${JSON.stringify(bad)}`;
  // The App makes its folder and an empty stacks/ when constructed (as main.ts's does): no files.
  const written = filesUnder(outcome.outdir);
  if (written.length > 0) return `wrote ${written.join(", ")} although refused`;
  return undefined;
}

export interface FuzzRun {
  readonly seed: number;
  readonly runs: number;
  readonly accepted: {
    readonly index: number;
    readonly file: Json;
    readonly outdir: string;
    readonly stacks: Record<string, Json>;
  }[];
  readonly refused: number;
  /** fast-check's failure report (seed, path, shrunk counterexample), when the property failed. */
  readonly failure?: string;
  readonly root: string;
}

/**
 * Runs the property `runs` times from `seed`: each file accepted (synthesized) or refused (one
 * line per problem, nothing written). Accepted outputs stay under `root` for the checks that run
 * in one batch afterwards (terraform validate, Helm render).
 */
export function fuzz(
  runs: number,
  seed: number,
  keep = (_index: number) => true,
  run: (data: Json, outdir: string) => Outcome = runFile,
): FuzzRun {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "gke-istio-fuzz-"));
  const accepted: FuzzRun["accepted"] = [];
  let refused = 0;
  let index = 0;
  const property = fc.property(environmentFile, (file) => {
    const outdir = path.join(root, `case-${index++}`);
    const outcome = run(file, outdir);
    const problem = refusalProblem(outcome);
    if (problem) throw new Error(problem);
    if (outcome.kind === "accepted") {
      if (keep(accepted.length)) accepted.push({ index, file, outdir, stacks: outcome.stacks });
      else fs.rmSync(outdir, { recursive: true, force: true });
    } else {
      refused++;
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
  const details = fc.check(property, { numRuns: runs, seed });
  const failure = details.failed ? (fc.defaultReportMessage(details) ?? "failed") : undefined;
  return { seed, runs, accepted, refused, failure, root };
}

export interface BatchFailure {
  readonly index: number;
  readonly file: Json;
  readonly problem: string;
}

/**
 * Invariant 1 on every accepted file, in batch: real `terraform validate` of all their stacks in
 * one run, and a real Helm render of every distinct helm_release. Returns the failures and what
 * was checked.
 */
export function checkAccepted(run: FuzzRun): {
  failures: BatchFailure[];
  validated: number;
  validateSkipped?: string;
  rendered: number;
  renderSkipped: number;
} {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { validateWithTerraform } =
    require("./terraform-validate") as typeof import("./terraform-validate");
  const { renderStack } = require("./helm-render") as typeof import("./helm-render");
  /* eslint-enable @typescript-eslint/no-require-imports */
  const failures: BatchFailure[] = [];
  const all: Record<string, Json> = {};
  const owner = new Map<string, (typeof run.accepted)[number]>();
  for (const c of run.accepted) {
    for (const [stack, tf] of Object.entries(c.stacks)) {
      all[`case${c.index}-${stack}`] = tf;
      owner.set(`case${c.index}-${stack}`, c);
    }
  }
  const outcome = validateWithTerraform(all);
  if (!outcome.skipped) {
    for (const [name, result] of Object.entries(outcome.results ?? {})) {
      if (!result.ok) {
        const c = owner.get(name)!;
        const first =
          result.diagnostics.find((d) => d.severity === "error") ?? result.diagnostics[0];
        failures.push({
          index: c.index,
          file: c.file,
          problem: `terraform validate ${name}: ${first?.summary} ${first?.detail ?? ""}`,
        });
      }
    }
  }
  // Distinct releases only: the charts do not change between files.
  const seen = new Set<string>();
  let rendered = 0;
  let renderSkipped = 0;
  for (const c of run.accepted) {
    for (const [stack, tf] of Object.entries(c.stacks)) {
      const releases = Object.entries<Json>(tf.resource?.helm_release ?? {});
      for (const [id, release] of releases) {
        const key = Object.fromEntries(
          Object.entries<Json>(release).filter(
            ([k]) => !["depends_on", "provider", "//"].includes(k),
          ),
        );
        const text = JSON.stringify(key);
        if (seen.has(text)) continue;
        seen.add(text);
        const one = { resource: { helm_release: { [id]: release } } };
        for (const r of renderStack(stack, one, path.join(c.outdir, "stacks", stack))) {
          if (r.status === "fail")
            failures.push({
              index: c.index,
              file: c.file,
              problem: `helm render ${stack} ${r.address}: ${r.detail}`,
            });
          else if (r.status === "skip") renderSkipped++;
          else rendered++;
        }
      }
    }
  }
  return {
    failures,
    validated: Object.keys(all).length,
    validateSkipped: outcome.skipped,
    rendered,
    renderSkipped,
  };
}
