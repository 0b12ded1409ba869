import { ConfigError } from "../config/load";
import { environment, parseEnvironments } from "./fixtures";
import { remembered } from "./remembered-results";
import * as fs from "fs";
import { renderStack, RenderResult, SHARED_CHARTS } from "./helm-render";

// The invariant: an oss configuration that synth accepts produces releases that render with
// the real Helm 3. Across the chart settings: every version line at hand, every legacy profile,
// with and without the ingress gateway, each of these under both mTLS modes in turn (pairwise:
// every profile and every gateway setting meets both modes), and gateways set in istio.values.
type Istio = Record<string, unknown>;
const PROFILES = [undefined, "demo", "minimal", "sds"] as const;
const CASES: [string, Istio][] = [];
for (const version of ["1.3.3", "1.4.10"]) {
  PROFILES.forEach((profile, p) =>
    [true, false].forEach((ingressGateway, g) => {
      const mtls = (p + g) % 2 ? "STRICT" : "PERMISSIVE";
      CASES.push([
        `${version} ${profile ?? "default"} gateway:${ingressGateway} ${mtls}`,
        { version, profile, ingressGateway, mtls },
      ]);
    }),
  );
}
for (const version of ["1.30.5", "1.31.1"]) {
  for (const mtls of ["STRICT", "PERMISSIVE"]) {
    for (const ingressGateway of [true, false]) {
      CASES.push([
        `${version} gateway:${ingressGateway} ${mtls}`,
        { version, ingressGateway, mtls },
      ]);
    }
  }
}
const egress = { gateways: { "istio-egressgateway": { enabled: true } } };
CASES.push(
  [
    "1.3.3 no ingress, egress in values",
    { version: "1.3.3", ingressGateway: false, values: egress },
  ],
  ["1.4.10 egress in values", { version: "1.4.10", values: egress }],
  ["1.31.1 istiod values", { version: "1.31.1", values: { pilot: { autoscaleMin: 2 } } }],
);

/** The one-line refusals, or the rendered releases (local charts are rendered elsewhere). */
function outcome(istio: Istio): { refused: string[] } | { releases: RenderResult[] } {
  let env;
  try {
    [env] = parseEnvironments(environment({ name: "t", mode: "oss", istio }));
  } catch (e) {
    if (e instanceof ConfigError) return { refused: e.problems };
    throw e;
  }
  // Only the mesh stack holds releases: the cluster stack is not synthesized. Remembered across
  // jest runs by the case (remembered-results.ts): cdktf and the stacks load on a miss only.
  const tf = remembered("helm-render-invariant mesh stack", istio, () => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { Testing } = require("cdktf") as typeof import("cdktf");
    const { MeshStack } = require("../stacks/mesh-stack") as typeof import("../stacks/mesh-stack");
    /* eslint-enable @typescript-eslint/no-require-imports */
    return JSON.parse(Testing.synth(new MeshStack(Testing.app(), "t-mesh", { environment: env })));
  });
  const releases = Object.entries<{ repository?: string }>(tf.resource.helm_release);
  return {
    releases: releases.filter(([, r]) => r.repository).map(([id, r]) => renderOnce(id, r)),
  };
}

/** Releases repeat across cases (istio-init, base): each distinct one renders once. */
const rendered = new Map<string, RenderResult>();
function renderOnce(id: string, release: object): RenderResult {
  const key = JSON.stringify(release);
  if (!rendered.has(key)) {
    const tf = { resource: { helm_release: { [id]: release } } };
    rendered.set(key, renderStack("t-mesh", tf, "")[0]);
  }
  return rendered.get(key)!;
}

// Istio's packaged charts make this offline; without them it is skipped, with the reason.
const haveCharts = fs.existsSync(SHARED_CHARTS);
if (!haveCharts) console.warn(`render invariant skipped: no charts folder ${SHARED_CHARTS}`);
const maybe = haveCharts ? test : test.skip;
const outcomes = new Map(haveCharts ? CASES.map(([what, istio]) => [what, outcome(istio)]) : []);

maybe.each(CASES.map(([what]) => what))(
  "%s: refused at synth, or every release renders",
  (what) => {
    const o = outcomes.get(what)!;
    if ("refused" in o) {
      expect(o.refused).toEqual([
        expect.stringMatching(
          /^environments\[0\] \(t\): istio\.version: '1\.3\.3' cannot render under Helm 3/,
        ),
      ]);
    } else {
      expect(
        o.releases.map((r) => `${r.name} ${r.status} ${r.status === "ok" ? "" : r.detail}`.trim()),
      ).toEqual(o.releases.map((r) => `${r.name} ok`));
      expect(o.releases.length).toBeGreaterThanOrEqual(2);
    }
  },
);

maybe("what synth refuses: Istio 1.3 with any gateway enabled, and nothing else", () => {
  const refused = [...outcomes].filter(([, o]) => "refused" in o).map(([what]) => what);
  expect(refused).toEqual([
    "1.3.3 default gateway:true PERMISSIVE",
    "1.3.3 demo gateway:true STRICT",
    "1.3.3 demo gateway:false PERMISSIVE",
    "1.3.3 sds gateway:true STRICT",
    "1.3.3 no ingress, egress in values",
  ]);
});
