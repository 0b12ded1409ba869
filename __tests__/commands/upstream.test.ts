// `npm run upstream` itself, in a child process: the real command, the real google-auth-library
// (application default credentials from an external_account file, as Workload Identity Federation
// writes it in CI), a local server answering as each service does; exit 0, 1 and 2, no stack trace.
import * as cp from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT } from "../app-synth";
import { closedPort, defaultRoutes, FakeUpstream, Routes } from "../upstream/fake-upstream";

const ENVIRONMENTS = `
defaults: { project: my-gcp-project }
environments:
  - { name: managed, mode: managed, location: us-central1, nodePools: [{ name: pool }] }
  - name: csm
    mode: cloud-service-mesh
    location: europe-west1
    nodePools: [{ name: pool }]
    cluster: { releaseChannel: STABLE, minMasterVersion: "1.31" }
`;

let dir: string;
let fake: FakeUpstream;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gke-istio-upstream-"));
  fs.writeFileSync(path.join(dir, "environments.yaml"), ENVIRONMENTS);
  fs.writeFileSync(path.join(dir, "github-oidc.jwt"), "header.payload.signature");
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => fake?.close());

/** Runs the command as `npm run upstream` does, with credentials whose token exchange is local. */
async function upstream(
  env: Record<string, string>,
  config = path.join(dir, "environments.yaml"),
  tokenUrl = `${fake.url}/sts`,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const credentials = path.join(dir, "credentials.json");
  fs.writeFileSync(
    credentials,
    JSON.stringify({
      type: "external_account",
      audience:
        "//iam.googleapis.com/projects/123456/locations/global/workloadIdentityPools/ci/providers/github",
      subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
      token_url: tokenUrl,
      credential_source: { file: path.join(dir, "github-oidc.jwt") },
    }),
  );
  // Not spawnSync: the fake server answers from this process's event loop.
  const child = cp.spawn(
    process.execPath,
    ["--require", "./boot/register-ts.js", "commands/upstream.ts"],
    {
      cwd: PROJECT_ROOT,
      timeout: 60_000,
      env: {
        PATH: process.env.PATH,
        HOME: dir,
        GKE_ISTIO_CONFIG: config,
        GOOGLE_APPLICATION_CREDENTIALS: credentials,
        METADATA_SERVER_DETECTION: "none",
        ...env,
      },
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return { status, stdout, stderr };
}

const start = async (routes: Routes = {}) => {
  fake = await FakeUpstream.start({ ...defaultRoutes(), ...routes });
  return fake;
};

describe("npm run upstream", () => {
  test("package.json names it", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8"));
    expect(pkg.scripts.upstream).toBe("node --require ./boot/register-ts.js commands/upstream.ts");
  });

  test("clean: exit 0; GKE read with a token from the credentials' own token exchange", async () => {
    await start();
    const run = await upstream(fake.env());
    expect(run.stderr).toBe("");
    expect(run.stdout.split("\n")).toEqual([
      "managed: ok: cluster: GKE offers 1.32, 1.33 on the REGULAR channel in us-central1, default 1.33.5-gke.1308000; the cluster takes the default",
      "csm: ok: cluster.minMasterVersion: 1.31 is offered (GKE offers 1.31, 1.32 on the STABLE channel in europe-west1, default 1.32.9-gke.1108000)",
      "providers: notice: hashicorp/google 7.12.0 is out; @cdktf/provider-google 16.12.1 pins 6.50.0",
      "providers: notice: hashicorp/google-beta 7.12.0 is out; @cdktf/provider-google-beta 16.12.1 pins 6.50.0",
      "providers: ok: hashicorp/helm 3.1.1 (pinned by @cdktf/provider-helm 12.1.2) is the newest",
      "providers: ok: hashicorp/kubernetes 2.38.0 (pinned by @cdktf/provider-kubernetes 12.1.1) is the newest",
      "upstream: clean: 2 environments, 0 problems, 2 notices; 6 requests to 3 hosts",
      "",
    ]);
    expect(run.status).toBe(0);
    expect(fake.requests).toContain("POST /sts");
  }, 60_000);

  test("a token exchange that does not answer in time: the GKE line says so, no hang", async () => {
    await start();
    const sts = await FakeUpstream.start();
    sts.delay = 5000;
    try {
      const run = await upstream(
        { ...fake.env(), GKE_ISTIO_UPSTREAM_TIMEOUT_MS: "500" },
        undefined,
        `${sts.url}/sts`,
      );
      expect(run.stdout).toContain(
        "managed: problem: cluster: GKE server config: https://container.googleapis.com/v1/projects/my-gcp-project/locations/us-central1/serverConfig unreachable (credentials: no answer in time)\n",
      );
      expect(run.stdout).toMatch(
        /\nupstream: not clean: 2 environments, 2 problems \(managed, csm\), 2 notices; [^\n]*\n$/,
      );
      expect(run.stderr).toBe("");
      expect(run.status).toBe(1);
    } finally {
      await sts.close();
    }
  }, 60_000);

  test("offline (connection refused): exit 2, one line, no stack trace", async () => {
    await start();
    const closed = await closedPort();
    const env = Object.fromEntries(Object.keys(fake.env()).map((k) => [k, closed]));
    const run = await upstream(env, undefined, `${closed}/sts`);
    expect(run.stdout).toMatch(
      /^upstream: offline, no upstream host answered \([^\n]*connection refused\); nothing was checked\n$/,
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(2);
  }, 60_000);

  test("an invalid environment file: exit 1 with the loader's lines, nothing read", async () => {
    await start();
    const bad = path.join(dir, "bad.yaml");
    fs.writeFileSync(bad, "environments: [{ name: x, mode: oss }]\n");
    const run = await upstream(fake.env(), bad);
    expect(run.stderr).toMatch(
      /^Invalid environment file, nothing was checked:\n.*bad\.yaml: environments\[0\] \(x\): /,
    );
    expect(run.status).toBe(1);
    expect(fake.requests).toEqual([]);
  }, 60_000);
});
