import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { copyProject, PROJECT_ROOT } from "../app-synth";
import { runCommand } from "../command-runs";
import { parseEnvironments, synthEnvironments, environment } from "../fixtures";
import { environmentDiagram } from "../../output/environment-graph";
import { MermaidResult, parseMermaid, parserFingerprint } from "../tools/mermaid";

const read = (file: string) => fs.readFileSync(path.join(PROJECT_ROOT, file), "utf8");
const mermaidBlocks = (markdown: string) =>
  [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]);

describe("npm run graph", () => {
  test("docs/environments.md and the README's diagram are up to date (run `npm run graph`)", () => {
    // The command writes both documents in a copy of the project; they must equal the committed ones.
    const dir = copyProject("gke-istio-graph-docs");
    try {
      const r = runCommand(dir, "commands/graph.ts");
      expect(r.status).toBe(0);
      for (const file of ["README.md", "docs/environments.md"]) {
        const text = fs.readFileSync(path.join(dir, file), "utf8");
        expect({ file, text: read(file) }).toEqual({ file, text });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  // One Mermaid process (it loads jsdom and mermaid, seconds) parses the documents' diagrams
  // and the broken one; their results are remembered by content across runs (__tests__/tools/mermaid.ts).
  const documented = () => [
    ...mermaidBlocks(read("docs/environments.md")),
    ...mermaidBlocks(read("README.md")),
  ];
  const broken = () =>
    `${mermaidBlocks(read("docs/environments.md"))[0].replace("  end\n", "")}\n  a[["unclosed`;
  let parsed: MermaidResult[] | undefined;
  const parseAll = () => (parsed ??= parseMermaid([...documented(), broken()]).results);

  test("every diagram, in docs/environments.md and the README, parses with the real Mermaid parser", () => {
    const diagrams = documented();
    expect(diagrams.length).toBe(4); // three environments, and the README's mesh
    expect(parseAll().slice(0, diagrams.length)).toEqual(
      diagrams.map(() => ({ ok: true, type: "flowchart-v2" })),
    );
  }, 60_000);

  test("the parser does refuse a broken diagram", () => {
    const results = parseAll();
    expect(results).toHaveLength(documented().length + 1);
    const result = results[results.length - 1];
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/Parse error/);
  }, 60_000);

  test("the Mermaid results are remembered by content: a changed diagram or parser is parsed again", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gke-istio-mermaid-"));
    const calls: string[][] = [];
    const parse = (diagrams: string[]) => {
      calls.push(diagrams);
      return diagrams.map((d) => ({ ok: !d.includes("broken"), type: `t${d.length}` }));
    };
    try {
      const a = "flowchart TD\n  a --> b\n";
      const b = "flowchart TD\n  a --> c\n";
      expect(parseMermaid([a, "broken"], { dir, fingerprint: "p1", parse })).toEqual({
        results: [
          { ok: true, type: `t${a.length}` },
          { ok: false, type: "t6" },
        ],
        parsed: [a, "broken"],
      });
      // Both remembered: nothing parsed.
      expect(parseMermaid([a, "broken"], { dir, fingerprint: "p1", parse }).parsed).toEqual([]);
      // One character changed: only that diagram is parsed, with its own result.
      const changed = parseMermaid([a, b], { dir, fingerprint: "p1", parse });
      expect(changed.parsed).toEqual([b]);
      expect(changed.results).toEqual([
        { ok: true, type: `t${a.length}` },
        { ok: true, type: `t${b.length}` },
      ]);
      // Another parser (mermaid, jsdom or the script changed): everything again.
      expect(parseMermaid([a, b], { dir, fingerprint: "p2", parse }).parsed).toEqual([a, b]);
      // Turned off: parsed whatever is remembered.
      process.env.GKE_ISTIO_MERMAID_CACHE = "off";
      try {
        expect(parseMermaid([a], { dir, fingerprint: "p1", parse }).parsed).toEqual([a]);
      } finally {
        delete process.env.GKE_ISTIO_MERMAID_CACHE;
      }
      expect(calls).toEqual([[a, "broken"], [b], [a, b], [a]]);
      // The parser's fingerprint follows the installed mermaid (and jsdom).
      const fake = (version: string) => {
        for (const pkg of ["mermaid", "jsdom"]) {
          fs.mkdirSync(path.join(dir, "root", "node_modules", pkg), { recursive: true });
          fs.writeFileSync(
            path.join(dir, "root", "node_modules", pkg, "package.json"),
            JSON.stringify({ version: pkg === "mermaid" ? version : "1" }),
          );
        }
        return parserFingerprint(path.join(dir, "root"));
      };
      expect(fake("11.0.0")).toBe(fake("11.0.0"));
      expect(fake("11.0.1")).not.toBe(fake("11.0.0"));
      expect(parserFingerprint()).not.toBe(fake("11.0.0"));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("draws both stacks, the resources a reader looks for, and helm releases in install order", () => {
    const [env] = parseEnvironments(
      environment({
        name: "shop",
        mode: "oss",
        istio: { injectionNamespaces: [{ name: "web", create: true }] },
      }),
    );
    const diagram = environmentDiagram(
      env,
      synthEnvironments(
        environment({
          name: "shop",
          mode: "oss",
          istio: { injectionNamespaces: [{ name: "web", create: true }] },
        }),
      ),
    );
    for (const text of [
      'subgraph cluster_stack ["stack shop-cluster"]',
      'subgraph mesh_stack ["stack shop-mesh"]',
      '["network shop-europe-west1-vpc<br/>subnet shop-europe-west1-nodes 10.0.0.0/20<br/>Cloud Router and Cloud NAT"]',
      '["node service account<br/>shop-europe-west1-nodes"]',
      '["cluster shop<br/>europe-west1"]',
      '["node pool pool-',
      '<br/>e2-standard-4, 1 to 3 per zone"]',
      '["namespace istio-system"]',
      '["namespace web<br/>istio-injection=enabled"]',
      '["1. helm release istio-base<br/>chart base 1.31.1, in istio-system"]',
      '["2. helm release istiod<br/>chart istiod 1.31.1, in istio-system"]',
      '["3. helm release istio-ingress<br/>chart gateway 1.31.1, in istio-ingress"]',
    ]) {
      expect(diagram).toContain(text);
    }
    const idOf = (label: string) => new RegExp(`(\\w+)\\["${label}`).exec(diagram)?.[1];
    expect(diagram).toContain(
      `${idOf("1. helm release istio-base")} --> ${idOf("2. helm release istiod")}`,
    );
    expect(diagram).toContain(
      `${idOf("cluster shop")} -.->|"endpoint and CA, read by data sources"| mesh_stack`,
    );
    // The edge network -> cluster is drawn once, not again through the subnet folded into the network.
    expect(
      diagram.match(new RegExp(`${idOf("network shop-europe-west1-vpc")} --> `, "g")),
    ).toHaveLength(1);
  });

  test("draws the fleet feature and membership of a cloud-service-mesh environment", () => {
    const input = environment({ name: "fleet", mode: "cloud-service-mesh" });
    const diagram = environmentDiagram(parseEnvironments(input)[0], synthEnvironments(input));
    expect(diagram).toContain('["fleet feature servicemesh"]');
    expect(diagram).toContain('["fleet feature membership<br/>MANAGEMENT_AUTOMATIC"]');
    expect(diagram).toContain("in the fleet");
  });

  test("--check fails when docs/environments.md is stale, and a plain run fixes it", () => {
    const dir = copyProject("gke-istio-graph");
    // The real command in the copy, remembered by content across runs (command-runs.ts).
    const run = (...args: string[]) => runCommand(dir, "commands/graph.ts", args);
    try {
      expect(run("--check").status).toBe(0);
      const config = path.join(dir, "config", "environments.yaml");
      fs.writeFileSync(
        config,
        fs.readFileSync(config, "utf8").replace("maxNodeCount: 3", "maxNodeCount: 7"),
      );
      const stale = run("--check");
      expect(stale.status).toBe(1);
      expect(stale.stderr).toContain(
        "stale, run `npm run graph` and commit the result: docs/environments.md",
      );
      expect(run().status).toBe(0);
      expect(fs.readFileSync(path.join(dir, "docs", "environments.md"), "utf8")).toContain(
        "1 to 7 per zone",
      );
      expect(run("--check").status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

test("each oss environment says which Kubernetes it is checked against and its Gateway API CRDs", () => {
  const text = read("docs/environments.md");
  const ambient = text.slice(text.indexOf("## ambient"), text.indexOf("## csm"));
  expect(ambient).toContain(
    "Mode `oss`. Kubernetes 1.35 (the REGULAR channel's default 1.35.5-gke.1163012, read 2026-12-02). Gateway API CRDs: GKE's own GA (standard channel) bundle, which GKE 1.34 and later installs and keeps current; experimental-channel CRDs are refused.",
  );
  const csm = text.slice(text.indexOf("## csm"));
  expect(csm).toContain("Mode `cloud-service-mesh`.\n");
});
