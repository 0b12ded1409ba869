import * as path from "path";
import { parseAllDocuments } from "yaml";
import { helmOnChart } from "../helm-render";

// The local charts of issue 20, rendered with the test suite's real Helm 3.
// Remembered by content (helm-render.ts's helmOnChart): a refusal runs Helm every time.
const template = (chart: string, ...args: string[]) => {
  const dir = path.resolve(__dirname, "../../charts", chart);
  return helmOnChart(["template", "r", dir, ...args], dir);
};
const objects = (stdout: string) =>
  parseAllDocuments(stdout)
    .map((d) => d.toJSON())
    .filter(Boolean);

describe("charts/kept-namespaces", () => {
  test("lints clean", () => {
    expect(
      helmOnChart(
        ["lint", path.resolve(__dirname, "../../charts/kept-namespaces")],
        path.resolve(__dirname, "../../charts/kept-namespaces"),
      ).status,
    ).toBe(0);
  });

  test("every namespace carries helm.sh/resource-policy: keep, so no uninstall or upgrade deletes it", () => {
    const out = template("kept-namespaces", "-n", "kube-system", "--set", "namespaces={shop,web}");
    expect(out.status).toBe(0);
    expect(objects(out.stdout)).toEqual(
      ["shop", "web"].map((name) => ({
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name, annotations: { "helm.sh/resource-policy": "keep" } },
      })),
    );
  });

  test("nothing to create, nothing rendered", () => {
    expect(objects(template("kept-namespaces").stdout)).toEqual([]);
  });
});

describe("charts/istio-mtls-port-exceptions", () => {
  test("one PeerAuthentication per exception: a selector, the ports PERMISSIVE, v1 where served", () => {
    const out = template(
      "istio-mtls-port-exceptions",
      "-n",
      "istio-system",
      "--api-versions",
      "security.istio.io/v1/PeerAuthentication",
      "--set-json",
      'portExceptions=[{"namespace":"shop","selector":{"app":"web"},"ports":[8080,9090]}]',
    );
    expect(out.status).toBe(0);
    expect(objects(out.stdout)).toEqual([
      {
        apiVersion: "security.istio.io/v1",
        kind: "PeerAuthentication",
        metadata: { name: "mtls-port-exception-0", namespace: "shop" },
        spec: {
          selector: { matchLabels: { app: "web" } },
          portLevelMtls: { 8080: { mode: "PERMISSIVE" }, 9090: { mode: "PERMISSIVE" } },
        },
      },
    ]);
  });
});
