import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { PROJECT_ROOT } from "./app-synth";
import { imagesOf, parseManifest, renderStack, SHARED_CHARTS } from "./helm-render";
import { TerraformJson } from "./fixtures";
import { stacksOf, synthFilesOnceSync } from "./shared-synth";
import { expectValidTerraform, testTerraformValidate } from "./terraform-validate";

// The walkthrough of docs/istio-upgrades.md: each step is its own environment file under
// examples/upgrade/ (examples.test.ts reads only examples/*.yaml, so these are covered here,
// once). Synthesized by the real app, once per jest run (shared with terraform-apply.test.ts and
// examples-upgrade-plan.test.ts).
const DIR = path.join(PROJECT_ROOT, "examples", "upgrade");
const FILES = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith(".yaml"))
  .sort();

interface Step {
  readonly file: string;
  readonly outdir: string;
  readonly stacks: Record<string, TerraformJson>;
  readonly mesh: TerraformJson;
  readonly info: string[];
  /** The app's refusal (policy violations, one per line); empty when it synthesized. */
  readonly violations: string[];
}

const steps: Step[] = [];

beforeAll(() => {
  const runs = synthFilesOnceSync(FILES.map((file) => `examples/upgrade/${file}`));
  for (const file of FILES) {
    const run = runs.get(`examples/upgrade/${file}`)!;
    const violations = run.status === 0 ? [] : run.stderr.split("\n").filter(Boolean);
    const manifest = JSON.parse(run.files["manifest.json"] ?? "{}");
    const stacks = stacksOf(run);
    const info = Object.values<{ annotations: { level: string; message: string }[] }>(
      manifest.stacks ?? {},
    ).flatMap((s) => s.annotations.filter((a) => a.level === "@cdktf/info").map((a) => a.message));
    steps.push({
      file,
      outdir: run.outdir,
      stacks,
      mesh: stacks["shop-prod-mesh"],
      info,
      violations,
    });
  }
}, 120_000);

const releasesOf = (tf: TerraformJson): Record<string, TerraformJson> =>
  tf.resource?.helm_release ?? {};
const valuesOf = (release: TerraformJson): Record<string, unknown> =>
  Object.assign({}, ...(release.values ?? []).map((v: string) => parseYaml(v)));

/**
 * Each release as one line: name, chart@version or tag → revision, the values that place it,
 * and the releases it depends on (by Helm release name).
 */
function releaseLines(tf: TerraformJson): string[] {
  const releases = releasesOf(tf);
  const nameOf = (ref: string) => releases[ref.replace(/^helm_release\./, "")]?.name;
  return Object.values(releases)
    .map((r) => {
      const values = valuesOf(r);
      const what = r.name.startsWith("istio-tag-")
        ? `tag ${values.tag} -> ${values.revision}`
        : r.name === "istio-mesh-policy"
          ? `mtls ${values.mtlsMode}`
          : `${r.chart}@${r.version}` +
            (values.defaultRevision ? ` defaultRevision=${values.defaultRevision}` : "") +
            (values.revision ? ` revision=${values.revision}` : "") +
            (values.podAnnotations
              ? ` injected-by=${(values.podAnnotations as Record<string, string>)["gke-istio-cdktf/istio-revision"]}`
              : "");
      const after = (r.depends_on ?? []).map(nameOf).filter(Boolean).sort().join(", ");
      return `${r.name}: ${what}${after ? ` after ${after}` : ""}`;
    })
    .sort();
}

function namespaceLabels(tf: TerraformJson): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const r of Object.values<TerraformJson>(tf.resource?.kubernetes_labels ?? {}))
    out[r.metadata.name] = r.labels;
  for (const r of Object.values<TerraformJson>(tf.resource?.kubernetes_namespace_v1 ?? {}))
    if (r.metadata.name !== "istio-system") out[r.metadata.name] = r.metadata.labels;
  return out;
}

test("the walkthrough has its five files: the start and four steps", () => {
  expect(FILES).toEqual([
    "0-start.yaml",
    "1-canary.yaml",
    "2-move-namespace.yaml",
    "3-move-tags.yaml",
    "4-remove-old.yaml",
  ]);
});

test("every step synthesizes with no policy violation, and the same cluster stack", () => {
  expect(steps).toHaveLength(5);
  steps.forEach((s) =>
    expect({ file: s.file, violations: s.violations }).toEqual({ file: s.file, violations: [] }),
  );
  const clusters = new Set(steps.map((s) => JSON.stringify(s.stacks["shop-prod-cluster"])));
  expect(clusters.size).toBe(1);
});

// The cluster stack is the same in every step: validate it once. The mesh stacks differ in
// resource count and strings only, which a validator cannot judge: validate the step with the
// most (two revisions, three tags) and the last one. Skipped, with the reason, without a validator.
testTerraformValidate(
  "the cluster stack and the canary and last mesh stacks pass terraform validate",
  () => {
    expectValidTerraform({
      "upgrade--shop-prod-cluster": steps[0].stacks["shop-prod-cluster"],
      "upgrade-1-canary--mesh": steps[1].mesh,
      "upgrade-4-remove-old--mesh": steps[4].mesh,
    });
  },
  300_000,
);

const STEP_RELEASES: Record<string, string[]> = {
  "0-start.yaml": [
    "istio-base: base@1.30.5 defaultRevision=1-30-5",
    "istio-ingress: gateway@1.30.5 revision=prod-stable injected-by=1-30-5 after istio-tag-prod-stable",
    "istio-mesh-policy: mtls STRICT after istiod-1-30-5",
    "istio-tag-default: tag default -> 1-30-5 after istiod-1-30-5",
    "istio-tag-prod-stable: tag prod-stable -> 1-30-5 after istiod-1-30-5",
    "istiod-1-30-5: istiod@1.30.5 revision=1-30-5 after istio-base",
  ],
  // base goes to the newest version first; the canary and its tag are created after it.
  "1-canary.yaml": [
    "istio-base: base@1.31.1 defaultRevision=1-30-5",
    "istio-ingress: gateway@1.30.5 revision=prod-stable injected-by=1-30-5 after istio-tag-prod-stable",
    "istio-mesh-policy: mtls STRICT after istiod-1-30-5",
    "istio-tag-default: tag default -> 1-30-5 after istiod-1-30-5",
    "istio-tag-prod-canary: tag prod-canary -> 1-31-1 after istiod-1-31-1",
    "istio-tag-prod-stable: tag prod-stable -> 1-30-5 after istiod-1-30-5",
    "istiod-1-30-5: istiod@1.30.5 revision=1-30-5 after istio-base",
    "istiod-1-31-1: istiod@1.31.1 revision=1-31-1 after istio-base",
  ],
  // Only a namespace label changes.
  "2-move-namespace.yaml": [
    "istio-base: base@1.31.1 defaultRevision=1-30-5",
    "istio-ingress: gateway@1.30.5 revision=prod-stable injected-by=1-30-5 after istio-tag-prod-stable",
    "istio-mesh-policy: mtls STRICT after istiod-1-30-5",
    "istio-tag-default: tag default -> 1-30-5 after istiod-1-30-5",
    "istio-tag-prod-canary: tag prod-canary -> 1-31-1 after istiod-1-31-1",
    "istio-tag-prod-stable: tag prod-stable -> 1-30-5 after istiod-1-30-5",
    "istiod-1-30-5: istiod@1.30.5 revision=1-30-5 after istio-base",
    "istiod-1-31-1: istiod@1.31.1 revision=1-31-1 after istio-base",
  ],
  // The tags default and prod-stable move in place, after the istiod they now point at;
  // the gateway follows its tag (chart 1.31.1, new pods), base's validator follows defaultRevision.
  "3-move-tags.yaml": [
    "istio-base: base@1.31.1 defaultRevision=1-31-1",
    "istio-ingress: gateway@1.31.1 revision=prod-stable injected-by=1-31-1 after istio-tag-prod-stable",
    "istio-mesh-policy: mtls STRICT after istiod-1-31-1",
    "istio-tag-default: tag default -> 1-31-1 after istiod-1-31-1",
    "istio-tag-prod-canary: tag prod-canary -> 1-31-1 after istiod-1-31-1",
    "istio-tag-prod-stable: tag prod-stable -> 1-31-1 after istiod-1-31-1",
    "istiod-1-30-5: istiod@1.30.5 revision=1-30-5 after istio-base",
    "istiod-1-31-1: istiod@1.31.1 revision=1-31-1 after istio-base",
  ],
  "4-remove-old.yaml": [
    "istio-base: base@1.31.1 defaultRevision=1-31-1",
    "istio-ingress: gateway@1.31.1 revision=prod-stable injected-by=1-31-1 after istio-tag-prod-stable",
    "istio-mesh-policy: mtls STRICT after istiod-1-31-1",
    "istio-tag-default: tag default -> 1-31-1 after istiod-1-31-1",
    "istio-tag-prod-canary: tag prod-canary -> 1-31-1 after istiod-1-31-1",
    "istio-tag-prod-stable: tag prod-stable -> 1-31-1 after istiod-1-31-1",
    "istiod-1-31-1: istiod@1.31.1 revision=1-31-1 after istio-base",
  ],
};

test.each(Object.keys(STEP_RELEASES))(
  "%s: releases, versions, revisions, tags and dependencies",
  (file) => {
    const step = steps.find((s) => s.file === file)!;
    expect(releaseLines(step.mesh)).toEqual(STEP_RELEASES[file]);
  },
);

test("namespace labels: istio-injection or istio.io/rev, never both", () => {
  const labels = steps.map((s) => namespaceLabels(s.mesh));
  const start = {
    default: { "istio-injection": "enabled" },
    shop: { "istio.io/rev": "prod-stable" },
    "istio-ingress": { "istio.io/rev": "prod-stable" },
  };
  const moved = { ...start, shop: { "istio.io/rev": "prod-canary" } };
  expect(labels).toEqual([start, start, moved, moved, moved]);
  for (const namespaces of labels)
    for (const l of Object.values(namespaces)) expect(Object.keys(l).length).toBe(1);
});

test("synth prints one line per environment: which namespace and gateway runs where", () => {
  expect(steps.map((s) => s.info)).toEqual([
    [
      "Istio in shop-prod: 1-30-5 (1.30.5, tags default, prod-stable) runs default (istio-injection=enabled), shop (istio.io/rev=prod-stable), gateway istio-ingress (revision prod-stable)",
    ],
    [
      "Istio in shop-prod: 1-30-5 (1.30.5, tags default, prod-stable) runs default (istio-injection=enabled), shop (istio.io/rev=prod-stable), gateway istio-ingress (revision prod-stable); 1-31-1 (1.31.1, tags prod-canary) runs no namespace or gateway",
    ],
    [
      "Istio in shop-prod: 1-30-5 (1.30.5, tags default, prod-stable) runs default (istio-injection=enabled), gateway istio-ingress (revision prod-stable); 1-31-1 (1.31.1, tags prod-canary) runs shop (istio.io/rev=prod-canary)",
    ],
    [
      "Istio in shop-prod: 1-30-5 (1.30.5) runs no namespace or gateway; 1-31-1 (1.31.1, tags default, prod-stable, prod-canary) runs default (istio-injection=enabled), shop (istio.io/rev=prod-canary), gateway istio-ingress (revision prod-stable)",
    ],
    [
      "Istio in shop-prod: 1-31-1 (1.31.1, tags default, prod-stable, prod-canary) runs default (istio-injection=enabled), shop (istio.io/rev=prod-canary), gateway istio-ingress (revision prod-stable)",
    ],
  ]);
});

describe("the order of every step and of its rollback, from the synthesized depends_on", () => {
  // Address (what Terraform updates in place) of each Helm release name, per step.
  const addresses = (step: Step): Record<string, string> =>
    Object.fromEntries(
      Object.entries(releasesOf(step.mesh)).map(([id, r]) => [r.name as string, id]),
    );
  const pairs = () => steps.slice(1).map((to, i) => [steps[i], to] as const);

  test("a release keeps its Terraform address in every step: a moved tag is an update, never a replace", () => {
    const seen = new Map<string, string>();
    for (const step of steps) {
      for (const [name, id] of Object.entries(addresses(step))) {
        expect({ name, id }).toEqual({ name, id: seen.get(name) ?? id });
        seen.set(name, id);
      }
    }
  });

  test("every tag depends on the istiod it points at, so it moves only once that istiod runs, forward and back", () => {
    // A rollback is the previous file: the same assertion on it covers both directions.
    for (const step of steps) {
      const releases = releasesOf(step.mesh);
      for (const [id, r] of Object.entries(releases)) {
        if (!r.name.startsWith("istio-tag-")) continue;
        const target = `istiod-${valuesOf(r).revision}`;
        const targetId = Object.keys(releases).find((k) => releases[k].name === target);
        expect({ tag: r.name, dependsOn: r.depends_on }).toEqual({
          tag: r.name,
          dependsOn: [`helm_release.${targetId}`],
        });
        expect(id).toMatch(/^Istio_Revisions_Tag-/);
      }
    }
  });

  test("a removed istiod's tags go with it or have moved already (a tag never outlives its istiod)", () => {
    for (const [from, to] of [...pairs(), ...pairs().map(([a, b]) => [b, a] as const)]) {
      const kept = new Set(Object.keys(addresses(to)));
      const removed = Object.keys(addresses(from)).filter(
        (n) => n.startsWith("istiod-") && !kept.has(n),
      );
      for (const istiod of removed) {
        // Tags removed in the same step are destroyed before it (reverse dependency order).
        const users = Object.values(releasesOf(from.mesh)).filter(
          (r) =>
            r.name.startsWith("istio-tag-") &&
            kept.has(r.name) &&
            `istiod-${valuesOf(r).revision}` === istiod,
        );
        expect({ from: from.file, to: to.file, istiod, users: users.map((r) => r.name) }).toEqual({
          from: from.file,
          to: to.file,
          istiod,
          users: [],
        });
      }
    }
  });

  test("base is upgraded before any istiod: every istiod depends on it", () => {
    for (const step of steps) {
      const releases = releasesOf(step.mesh);
      const base = Object.keys(releases).find((k) => releases[k].name === "istio-base");
      for (const r of Object.values(releases).filter((r) => r.name.startsWith("istiod-")))
        expect(r.depends_on).toContain(`helm_release.${base}`);
    }
  });
});

// Every release of every step with a real Helm and Istio's charts (the project's renderer).
// Without the charts folder the block is skipped, with the reason in its name.
const haveCharts = fs.existsSync(SHARED_CHARTS);
if (!haveCharts) console.warn(`upgrade render checks skipped: no charts folder ${SHARED_CHARTS}`);
(haveCharts ? describe : describe.skip)(
  `rendered with Helm and Istio's charts${haveCharts ? "" : ` (skipped: no charts folder ${path.relative(PROJECT_ROOT, SHARED_CHARTS)})`}`,
  () => {
    interface Rendered {
      file: string;
      name: string;
      address: string;
      status: string;
      detail?: string;
      manifest?: string;
      warnings?: string[];
    }
    const rendered: Rendered[] = [];

    beforeAll(() => {
      // A release identical to one of an earlier step (name, chart, version, values) renders the
      // same: render each distinct release once.
      const byKey = new Map<string, Omit<Rendered, "file" | "address">>();
      const keyOf = (r: TerraformJson) =>
        JSON.stringify([r.name, r.namespace, r.chart, r.version, r.values, r.set, r.skip_crds]);
      for (const step of steps) {
        const releases = releasesOf(step.mesh);
        const fresh = Object.fromEntries(
          Object.entries(releases).filter(([, r]) => !byKey.has(keyOf(r))),
        );
        const stackDir = path.join(step.outdir, "stacks", "shop-prod-mesh");
        const results = renderStack(
          "shop-prod-mesh",
          { resource: { helm_release: fresh } },
          stackDir,
        );
        Object.values(fresh).forEach((r, i) => byKey.set(keyOf(r), results[i]));
        for (const [id, r] of Object.entries(releases)) {
          rendered.push({
            ...byKey.get(keyOf(r))!,
            file: step.file,
            address: `helm_release.${id}`,
          });
        }
      }
    }, 300_000);

    test("every release of every step renders", () => {
      expect(rendered.length).toBe(
        steps.reduce((n, s) => n + Object.keys(releasesOf(s.mesh)).length, 0),
      );
      expect(
        rendered.filter((r) => r.status !== "ok").map((r) => `${r.file} ${r.name}: ${r.detail}`),
      ).toEqual([]);
    });

    test("no render warning, and every image of every step from docker.io/istio", () => {
      expect(rendered.flatMap((r) => r.warnings ?? [])).toEqual([]);
      const images = rendered.flatMap((r) => imagesOf(r.manifest ?? ""));
      expect(images.filter((i) => i.startsWith("docker.io/istio/")).length).toBeGreaterThan(0);
      expect(images.filter((i) => i !== "auto" && !i.startsWith("docker.io/istio/"))).toEqual([]);
    });

    /** kind/name of every object a release renders (read from Helm's plain output, not parsed). */
    const objectsOf = (manifest: string, skipCrds: boolean) =>
      manifest
        .split(/^---$/m)
        .map((doc) => [
          /^kind: (\S+)/m.exec(doc)?.[1],
          /^metadata:\n(?: .*\n)*? {2}name: (\S+)/m.exec(doc)?.[1],
        ])
        .filter(
          ([kind, name]) => kind && name && !(skipCrds && kind === "CustomResourceDefinition"),
        )
        .map(([kind, name]) => `${kind}/${name}`);

    /** kind/name of every rendered object → the releases that render it, per step. */
    const owners = (file: string) => {
      const out = new Map<string, string[]>();
      const releases = releasesOf(steps.find((s) => s.file === file)!.mesh);
      for (const r of rendered.filter((x) => x.file === file)) {
        const skipCrds = releases[r.address.replace(/^helm_release\./, "")].skip_crds === true;
        for (const key of objectsOf(r.manifest ?? "", skipCrds))
          out.set(key, [...(out.get(key) ?? []), r.name]);
      }
      return out;
    };

    test("each tag webhook and tag Service exists, in exactly one release", () => {
      const expected: Record<string, string[]> = {
        "0-start.yaml": ["default", "prod-stable"],
        "1-canary.yaml": ["default", "prod-canary", "prod-stable"],
        "2-move-namespace.yaml": ["default", "prod-canary", "prod-stable"],
        "3-move-tags.yaml": ["default", "prod-canary", "prod-stable"],
        "4-remove-old.yaml": ["default", "prod-canary", "prod-stable"],
      };
      for (const step of steps) {
        const objects = owners(step.file);
        const tagObjects = [...objects].filter(([key]) => /revision-tag-/.test(key));
        expect(tagObjects.sort()).toEqual(
          expected[step.file]
            .flatMap((tag) => [
              [`MutatingWebhookConfiguration/istio-revision-tag-${tag}`, [`istio-tag-${tag}`]],
              [`Service/istiod-revision-tag-${tag}`, [`istio-tag-${tag}`]],
            ])
            .sort(),
        );
      }
    });

    test("no object is rendered by two releases, and none changes release between steps, either way", () => {
      // So Helm never has to adopt an object another release owns: not going forward, not rolling back.
      const ownerOf = new Map<string, string>();
      for (const step of steps) {
        for (const [key, releases] of owners(step.file)) {
          expect({ step: step.file, key, releases }).toEqual({
            step: step.file,
            key,
            releases: [ownerOf.get(key) ?? releases[0]],
          });
          ownerOf.set(key, releases[0]);
        }
      }
    });

    test("the moved tag's webhooks call the new istiod after step 3, the old one before", () => {
      const webhookService = (file: string) => {
        const r = rendered.find((x) => x.file === file && x.name === "istio-tag-prod-stable")!;
        const mwc = parseManifest(r.manifest!).find(
          (o) => o.kind === "MutatingWebhookConfiguration",
        )!;
        return [...new Set(mwc.webhooks.map((w: TerraformJson) => w.clientConfig.service.name))];
      };
      expect(webhookService("2-move-namespace.yaml")).toEqual(["istiod-1-30-5"]);
      expect(webhookService("3-move-tags.yaml")).toEqual(["istiod-1-31-1"]);
    });
  },
);

describe("docs/istio-upgrades.md matches the files", () => {
  const doc = fs.readFileSync(path.join(PROJECT_ROOT, "docs", "istio-upgrades.md"), "utf8");
  const walkthrough = doc.slice(doc.indexOf("## The walkthrough"));
  const blocks = (lang: string) =>
    [...walkthrough.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map(
      (m) => m[1],
    );
  /** The file's `istio:` section, as the docs show it (two-space indent, from `istio:`). */
  const istioSection = (file: string) => {
    const lines = fs.readFileSync(path.join(DIR, file), "utf8").split("\n");
    return lines.slice(lines.findIndex((l) => l.trim() === "istio:")).map((l) => l.slice(4));
  };

  test("step 0 shows the starting file's istio section", () => {
    expect(blocks("yaml")[0].trimEnd().split("\n")).toEqual(
      istioSection(FILES[0]).join("\n").trimEnd().split("\n"),
    );
  });

  test("each step's diff is the change from the previous file", () => {
    const diffs = blocks("diff");
    expect(diffs).toHaveLength(FILES.length - 1);
    diffs.forEach((diff, i) => {
      const [before, after] = [istioSection(FILES[i]), istioSection(FILES[i + 1])];
      const lines = diff.trimEnd().split("\n");
      // Context and removed lines, in order, are a run of the previous file; context and added
      // lines a run of the next one.
      const side = (keep: string) =>
        lines
          .filter((l) => l[0] === " " || l[0] === keep)
          .map((l) => l.slice(1))
          .join("\n");
      expect(before.join("\n")).toContain(side("-"));
      expect(after.join("\n")).toContain(side("+"));
      // And nothing else differs: the files' other lines are the same.
      const removed = lines.filter((l) => l[0] === "-").map((l) => l.slice(1));
      const added = lines.filter((l) => l[0] === "+").map((l) => l.slice(1));
      const rest = (all: string[], drop: string[]) => {
        const left = [...all];
        for (const d of drop) {
          expect(left).toContain(d);
          left.splice(left.indexOf(d), 1);
        }
        return left;
      };
      expect(rest(after, added)).toEqual(rest(before, removed));
    });
  });
});
