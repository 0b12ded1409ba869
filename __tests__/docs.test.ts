// The README and docs/: every command they name exists, every relative link resolves, the README stays short.
import * as fs from "fs";
import * as path from "path";
import { GCP_REGIONS } from "../facts/gcp-locations";
import { ISTIO_KUBERNETES_WINDOWS } from "../facts/istio-kubernetes";
import { GKE_RELEASE_CHANNELS } from "../facts/gke-release-channels";
import { ISTIO_MINORS } from "../facts/istio-releases";
import { RETIRED_HOSTS } from "../facts/istio-hosting";

const root = path.join(__dirname, "..");
const docs = [
  "README.md",
  ...fs
    .readdirSync(path.join(root, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");

/** Every `npm run <name>` in a text, with the line it is on. */
function npmRunNames(text: string): { name: string; line: number }[] {
  return text
    .split("\n")
    .flatMap((l, i) =>
      [...l.matchAll(/\bnpm run ([\w:.-]+)/g)].map((m) => ({ name: m[1], line: i + 1 })),
    );
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");
}

function anchors(markdown: string): Set<string> {
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, "");
  return new Set([...withoutCode.matchAll(/^#{1,6} (.+)$/gm)].map((m) => headingAnchor(m[1])));
}

describe("README.md and docs/*.md", () => {
  const scripts = Object.keys(
    (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts,
  );

  test("name only npm scripts that package.json defines", () => {
    const found = docs.flatMap((file) => npmRunNames(read(file)).map((r) => ({ ...r, file })));
    expect(found.length).toBeGreaterThan(5);
    const missing = found
      .filter((r) => !scripts.includes(r.name))
      .map((r) => `${r.file}:${r.line}: npm run ${r.name}`);
    expect(missing).toEqual([]);
  });

  test("the command extraction finds a script that does not exist", () => {
    expect(npmRunNames("run `npm run synth` then\n`npm run deploy-all -- --x`")).toEqual([
      { name: "synth", line: 1 },
      { name: "deploy-all", line: 2 },
    ]);
  });

  test("link only to files and headings that exist", () => {
    const broken: string[] = [];
    for (const file of docs) {
      const text = read(file).replace(/```[\s\S]*?```/g, "");
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1];
        if (/^[a-z]+:/.test(target)) continue; // https:, mailto:
        const [rel, anchor] = target.split("#");
        const targetFile = rel ? path.posix.join(path.posix.dirname(file), rel) : file;
        if (!fs.existsSync(path.join(root, targetFile))) {
          broken.push(`${file}: ${target} (no file ${targetFile})`);
        } else if (anchor && targetFile.endsWith(".md") && !anchors(read(targetFile)).has(anchor)) {
          broken.push(`${file}: ${target} (no heading #${anchor} in ${targetFile})`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  test("headings become GitHub's anchors", () => {
    expect(headingAnchor("From the GKE Istio add-on (`managed`) to Cloud Service Mesh")).toBe(
      "from-the-gke-istio-add-on-managed-to-cloud-service-mesh",
    );
  });

  test("the README is a front door: at most 200 lines, and it links to every doc", () => {
    const readme = read("README.md");
    expect(readme.split("\n").length).toBeLessThanOrEqual(200);
    const linked = [...readme.matchAll(/\]\((docs\/[^)#]+)/g)].map((m) => m[1]);
    expect(docs.filter((d) => d.startsWith("docs/") && !linked.includes(d))).toEqual([]);
  });
});

describe("docs/upstream-facts.md lists every row of the upstream tables", () => {
  // Whitespace-insensitive: Prettier pads the Markdown tables' columns.
  const page = read("docs/upstream-facts.md").replace(/ +/g, " ");

  test.each(GCP_REGIONS.map((r) => [r.region, r]))("region %s and its zones", (_, r) => {
    expect(page).toContain(`| \`${r.region}\` | ${r.zones.join(", ")} | ${r.where} |`);
  });

  test.each(ISTIO_KUBERNETES_WINDOWS.map((w) => [w.istio, w]))("Istio %s's window", (_, w) => {
    expect(page).toContain(`| ${w.istio} | ${w.oldest} to ${w.newest} |`);
  });

  test.each(ISTIO_MINORS.map((m) => [m.minor, m]))("Istio %s's release row", (_, m) => {
    const patches = `${m.patches[0]} to ${m.patches[m.patches.length - 1]}`;
    expect(page).toContain(
      `| ${m.minor} | ${m.released} | ${m.endOfSupport ?? "not announced"} | ${patches} |`,
    );
  });

  test.each(RETIRED_HOSTS.map((h) => [h.prefix, h]))("retired host %s", (_, h) => {
    expect(page).toContain(`| \`${h.prefix}\` | ${h.retired} | ${h.what} |`);
  });

  test.each(GKE_RELEASE_CHANNELS.map((c) => [c.channel, c]))("GKE channel %s", (_, c) => {
    expect(page).toMatch(
      new RegExp(
        `\\| ${c.channel}[^|]* \\| ${c.oldest} to ${c.newest} \\| ${c.defaultVersion} \\|`,
      ),
    );
  });
});
