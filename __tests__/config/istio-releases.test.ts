import { AnnotationMetadataEntryType, Testing } from "cdktf";
import { ConfigError, isStrict, loadConfig, parseConfig, STRICT_ENV_VAR } from "../../config/load";
import {
  environmentReleaseWarnings,
  istioReleaseWarnings,
  todayUtc,
} from "../../config/istio-releases";
import { istioChartLayout } from "../../config/istio-versions";
import { ISTIO_MINORS } from "../../facts/istio-releases";
import { MeshStack } from "../../stacks/mesh-stack";
import { environment, parseEnvironments } from "../fixtures";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

describe("the Istio release table (facts/istio-releases.ts)", () => {
  test("one row per minor the version rule accepts, oldest first: 1.3, 1.4, 1.12 to 1.31", () => {
    const expected = ["1.3", "1.4", ...Array.from({ length: 20 }, (_, i) => `1.${i + 12}`)];
    expect(ISTIO_MINORS.map((m) => m.minor)).toEqual(expected);
    for (const m of expected) expect(istioChartLayout(`${m}.0`)).toHaveProperty("layout");
  });

  test.each(ISTIO_MINORS.map((m) => [m.minor, m] as const))(
    "%s: dated, sourced, patches from .0 without gaps, support ends after release",
    (minor, row) => {
      expect(row.released).toMatch(DAY);
      expect(row.source).toMatch(/read 2026-12-02/);
      expect(row.patches[0]).toBe(`${minor}.0`);
      expect(row.patches).toEqual(row.patches.map((_, i) => `${minor}.${i}`));
      if (row.endOfSupport) {
        expect(row.endOfSupport).toMatch(DAY);
        expect(row.endOfSupport > row.released).toBe(true);
      }
    },
  );

  test("the facts the issue names: 1.31 of 2026-08-31, 1.30.5 announced, 1.29 ended 2026-10-12", () => {
    const row = (minor: string) => ISTIO_MINORS.find((m) => m.minor === minor)!;
    expect(row("1.31").released).toBe("2026-08-31");
    expect(row("1.31").endOfSupport).toBeUndefined();
    expect(row("1.31").patches).toEqual(["1.31.0", "1.31.1"]);
    expect(row("1.30").patches.at(-1)).toBe("1.30.5");
    expect(row("1.30").endOfSupport).toBeUndefined();
    expect(row("1.29").endOfSupport).toBe("2026-10-12");
  });
});

describe("release warnings", () => {
  test("a patch the table does not list: one line, the known range and where to check", () => {
    expect(istioReleaseWarnings("istio.version", "1.30.9", "2026-12-02")).toEqual([
      "istio.version: '1.30.9' is not a 1.30 patch Istio announced as far as this tool knows (1.30.0 to 1.30.5, facts/istio-releases.ts); if it is newer, check https://istio.io/latest/news/releases/1.30.x/ before applying, else use '1.30.5'",
    ]);
    expect(istioReleaseWarnings("istio.version", "1.30.5", "2026-12-02")).toEqual([]);
    expect(istioReleaseWarnings("istio.version", "1.99.0", "2026-12-02")).toEqual([]);
  });

  test("a minor past its end of support names the date; the last supported day is quiet", () => {
    const past = [
      "istio.version: Istio 1.29 ('1.29.8') reached its end of support on 2026-10-12 and gets no more security fixes; upgrade to a supported minor such as '1.31.1' (docs/istio-upgrades.md)",
    ];
    expect(istioReleaseWarnings("istio.version", "1.29.8", "2026-10-12")).toEqual([]);
    expect(istioReleaseWarnings("istio.version", "1.29.8", "2026-10-13")).toEqual(past);
    expect(istioReleaseWarnings("istio.version", "1.29.8", "2026-12-02")).toEqual(past);
    // Unknown end of support (1.30, 1.31): never past.
    expect(istioReleaseWarnings("istio.version", "1.30.5", "2099-01-01")).toEqual([]);
    // Both at once.
    expect(istioReleaseWarnings("f", "1.29.9", "2026-12-02")).toHaveLength(2);
  });

  test("per environment: istio.version (its default too) or each istio.revisions[i].version", () => {
    const [sidecar, revisions, managed, defaulted] = parseEnvironments(
      environment({ name: "a", mode: "oss", istio: { version: "1.29.8" } }),
      environment({
        name: "b",
        mode: "oss",
        istio: {
          revisions: [{ version: "1.30.5" }, { version: "1.31.7" }],
          defaultRevision: "1-30-5",
        },
      }),
      environment({ name: "c", mode: "managed" }),
      environment({ name: "d", mode: "oss" }),
    );
    expect(environmentReleaseWarnings(sidecar, "2026-12-02")).toEqual([
      expect.stringMatching(/^istio\.version: Istio 1\.29 \('1\.29\.8'\) reached/),
    ]);
    expect(environmentReleaseWarnings(revisions, "2026-12-02")).toEqual([
      expect.stringMatching(/^istio\.revisions\[1\]\.version: '1\.31\.7' is not a 1\.31 patch/),
    ]);
    expect(environmentReleaseWarnings(managed, "2030-01-01")).toEqual([]);
    expect(environmentReleaseWarnings(defaulted, "2026-12-02")).toEqual([]);
  });

  test("todayUtc is the UTC date of its clock", () => {
    expect(todayUtc(new Date("2026-12-02T23:59:59-05:00"))).toBe("2026-12-03");
    expect(todayUtc()).toMatch(DAY);
  });
});

describe("strict mode (GKE_ISTIO_STRICT=1)", () => {
  const file = {
    environments: [
      environment({ name: "old", mode: "oss", istio: { version: "1.29.8" } }),
      environment({
        name: "new",
        mode: "oss",
        istio: {
          revisions: [{ version: "1.31.1" }, { version: "1.31.9" }],
          defaultRevision: "1-31-1",
        },
      }),
    ],
  };

  test("warnings become one-line errors naming environment, field and the strict switch", () => {
    expect(() => parseConfig(file, "f.yaml", { today: "2026-12-02" })).not.toThrow();
    let problems: string[] = [];
    try {
      parseConfig(file, "f.yaml", { strict: true, today: "2026-12-02" });
    } catch (e) {
      problems = (e as ConfigError).problems;
    }
    expect(problems).toEqual([
      expect.stringMatching(
        /^environments\[0\] \(old\): istio\.version: Istio 1\.29 \('1\.29\.8'\) reached its end of support on 2026-10-12 .* \(refused: GKE_ISTIO_STRICT=1\)$/,
      ),
      expect.stringMatching(
        /^environments\[1\] \(new\): istio\.revisions\[1\]\.version: '1\.31\.9' is not a 1\.31 patch .* \(refused: GKE_ISTIO_STRICT=1\)$/,
      ),
    ]);
    // Before 1.29's end of support only the unknown patch is refused.
    expect(() => parseConfig(file, "f.yaml", { strict: true, today: "2026-10-01" })).toThrow(
      /^f\.yaml: environments\[1\] \(new\): istio\.revisions\[1\]\.version: '1\.31\.9'[^\n]*$/,
    );
  });

  test("the switch: 1 or true turns it on, anything else leaves it off; loadConfig reads it", () => {
    expect([undefined, "", "0", "false", "yes", "1", "true"].map(isStrict)).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
      true,
    ]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gke-istio-strict-"));
    const saved = process.env[STRICT_ENV_VAR];
    try {
      const yaml = path.join(dir, "e.yaml");
      fs.writeFileSync(yaml, JSON.stringify({ environments: [file.environments[0]] }));
      delete process.env[STRICT_ENV_VAR];
      expect(loadConfig(yaml, undefined).environments).toHaveLength(1);
      process.env[STRICT_ENV_VAR] = "1";
      expect(() => loadConfig(yaml, undefined)).toThrow(/refused: GKE_ISTIO_STRICT=1/);
    } finally {
      if (saved === undefined) delete process.env[STRICT_ENV_VAR];
      else process.env[STRICT_ENV_VAR] = saved;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the mesh stack prints release warnings once, as synth warnings", () => {
  const warningsOf = (version: string | undefined, today: string) => {
    const [env] = parseEnvironments(
      environment({ name: "w", mode: "oss", istio: version ? { version } : {} }),
    );
    const stack = new MeshStack(Testing.app(), "w-mesh", { environment: env, today });
    return stack.node
      .findAll()
      .flatMap((c) => c.node.metadata)
      .filter((m) => m.type === AnnotationMetadataEntryType.WARN)
      .map((m) => m.data as string)
      .filter((m) => m.includes("istio.version"));
  };

  test("a past minor and an unknown patch, each once, with the environment's name", () => {
    expect(warningsOf("1.29.9", "2026-12-02")).toEqual([
      expect.stringMatching(/^environment 'w': istio\.version: '1\.29\.9' is not a 1\.29 patch/),
      expect.stringMatching(/^environment 'w': istio\.version: Istio 1\.29 \('1\.29\.9'\) reached/),
    ]);
  });

  test("the default version on the day of writing: no warning", () => {
    expect(warningsOf(undefined, "2026-12-02")).toEqual([]);
  });
});
