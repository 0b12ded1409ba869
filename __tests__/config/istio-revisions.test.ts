import { parseConfig } from "../../config/load";
import {
  compareVersions,
  resolveRevision,
  revisionPicture,
  revisionProblems,
  revisionPlan,
} from "../../config/istio-revisions";
import { MAX_REVISION_NAME, MAX_TAG_NAME } from "../../config/istio-revision-names";
import { configProblems } from "../fixtures";

const env = (istio: Record<string, unknown>, mode = "oss", cluster?: Record<string, unknown>) => ({
  name: "up",
  mode,
  project: "test-project",
  location: "europe-west1",
  nodePools: [{ name: "pool" }],
  istio,
  ...(cluster ? { cluster } : {}),
});

/** The problems of one environment, without the file and environment prefix. */
function problemsOf(
  istio: Record<string, unknown>,
  mode?: string,
  cluster?: Record<string, unknown>,
): string[] {
  return configProblems(() =>
    parseConfig({ environments: [env(istio, mode, cluster)] }, "e.yaml"),
  ).map((p) => p.replace(/^environments\[0\] \(up\): /, ""));
}

const TWO = {
  revisions: [{ version: "1.29.6" }, { version: "1.30.5" }],
  defaultRevision: "1-29-6",
};

describe("istio revisions: every rule has its one-line message", () => {
  test.each<[string, Record<string, unknown>, string, string?]>([
    [
      "a revision name with a dot gets the dashed hint",
      { revisions: [{ version: "1.30.5", name: "1.30.5" }] },
      `istio.revisions[0].name: must be a DNS label (revision names), which has no '.'; write '1-30-5' as Istio does, got "1.30.5"`,
    ],
    [
      "a revision name that is no DNS label",
      { revisions: [{ version: "1.30.5", name: "Canary" }] },
      `istio.revisions[0].name: must be a DNS label (revision names): lower-case letters, digits and '-', starting and ending with a letter or digit, got "Canary"`,
    ],
    [
      "a revision name too long for istiod-gateway-controller-<rev>-istio-system",
      { revisions: [{ version: "1.30.5", name: "a".repeat(MAX_REVISION_NAME + 1) }] },
      `istio.revisions[0].name: must be at most 24 characters (revision names), so the object names built from it fit in 63, got "${"a".repeat(25)}"`,
    ],
    [
      "a tag name with a dot",
      { ...TWO, tags: { "prod.stable": "1-29-6" } },
      `istio.tags.prod.stable: must be a DNS label (tag names), which has no '.'; write 'prod-stable' as Istio does, got "prod.stable"`,
    ],
    [
      "a tag name too long for istiod-revision-tag-<tag>",
      { ...TWO, tags: { ["t".repeat(MAX_TAG_NAME + 1)]: "1-29-6" } },
      `istio.tags.${"t".repeat(44)}: must be at most 43 characters (tag names), so the object names built from it fit in 63, got "${"t".repeat(44)}"`,
    ],
    [
      "the tag 'default' is defaultRevision's",
      { ...TWO, tags: { default: "1-29-6" } },
      `istio.tags.default: the 'default' tag follows istio.defaultRevision; set that instead, got "default"`,
    ],
    [
      "a reference written as a version",
      { ...TWO, tags: { stable: "1.29.6" } },
      `istio.tags.stable: must be a DNS label (a revision or tag name), which has no '.'; write '1-29-6' as Istio does, got "1.29.6"`,
    ],
    [
      "a tag pointing at no revision",
      { ...TWO, tags: { stable: "1-29-5" } },
      `istio.tags.stable: '1-29-5' is not a revision; declared revisions are 1-29-6, 1-30-5 (did you mean '1-29-6'?)`,
    ],
    [
      "a tag pointing at a tag",
      { ...TWO, tags: { stable: "1-29-6", canary: "stable" } },
      `istio.tags.canary: 'stable' is a tag, not a revision; declared revisions are 1-29-6, 1-30-5`,
    ],
    [
      "a tag named like a revision",
      { ...TWO, tags: { "1-30-5": "1-29-6" } },
      `istio.tags.1-30-5: '1-30-5' is also a revision name; tags and revisions must not share names`,
    ],
    [
      "defaultRevision naming no revision",
      { ...TWO, defaultRevision: "1-31-0" },
      `istio.defaultRevision: '1-31-0' is not a revision; declared revisions are 1-29-6, 1-30-5 (did you mean '1-30-5'?)`,
    ],
    [
      "defaultRevision naming a tag",
      { ...TWO, tags: { stable: "1-29-6" }, defaultRevision: "stable" },
      `istio.defaultRevision: 'stable' is a tag, not a revision; declared revisions are 1-29-6, 1-30-5`,
    ],
    [
      "defaultRevision missing with two revisions",
      { revisions: TWO.revisions },
      `istio.defaultRevision: required with 2 revisions (the 'default' tag and the base chart's validator follow it); name one of 1-29-6, 1-30-5`,
    ],
    [
      "a namespace on an undeclared tag",
      { ...TWO, injectionNamespaces: [{ name: "shop", revision: "prod-canary" }] },
      `istio.injectionNamespaces[0].revision: 'prod-canary' is neither a revision nor a tag; declared revisions are 1-29-6, 1-30-5, tags are default`,
    ],
    [
      "a gateway on a misspelt tag",
      { ...TWO, tags: { "prod-stable": "1-29-6" }, ingressGateway: { revision: "prod-stabel" } },
      `istio.ingressGateway.revision: 'prod-stabel' is neither a revision nor a tag; declared revisions are 1-29-6, 1-30-5, tags are default, prod-stable (did you mean 'prod-stable'?)`,
    ],
    [
      "version and revisions together",
      { ...TWO, version: "1.30.5" },
      `istio.revisions: not together with istio.version ('1.30.5'); version runs one istiod without revision, revisions one per entry: keep one of them (docs/istio-upgrades.md)`,
    ],
    [
      "the same revision twice",
      { revisions: [{ version: "1.29.6" }, { version: "1.29.6" }], defaultRevision: "1-29-6" },
      `istio.revisions[1]: revision '1-29-6' is already istio.revisions[0]; give each revision its own version or name`,
    ],
    [
      "a legacy version",
      { revisions: [{ version: "1.4.10" }] },
      `istio.revisions[0].version: revisions need the current charts (1.12.x and later); the legacy charts have no revision, got "1.4.10"`,
    ],
    [
      "tags without revisions",
      { tags: { stable: "x" } },
      `istio.tags: needs istio.revisions (without it one istiod runs, with no revision or tag); add istio.revisions or remove it`,
    ],
    [
      "a namespace revision without revisions",
      { injectionNamespaces: [{ name: "shop", revision: "stable" }] },
      `istio.injectionNamespaces[0].revision: needs istio.revisions (without it one istiod runs, with no revision or tag); add istio.revisions or remove it`,
    ],
    [
      "a gateway revision without revisions",
      { ingressGateway: { revision: "stable" } },
      `istio.ingressGateway.revision: needs istio.revisions (without it one istiod runs, with no revision or tag); add istio.revisions or remove it`,
    ],
    [
      "istiod values that the plan sets",
      { ...TWO, values: { revisionTags: ["x"] } },
      `istio.values.revisionTags: set by istio.revisions and istio.tags; remove it from istio.values`,
    ],
    [
      "revisions outside oss mode",
      { revisions: [{ version: "1.30.5" }] },
      `istio.revisions: applies to mode oss only (Istio installed by Helm), got it with mode managed; remove it or set mode: oss`,
      "managed",
    ],
    [
      "a gateway that is neither boolean nor { revision }",
      { ingressGateway: "yes" },
      `istio.ingressGateway: must be true, false or { revision }, got "yes"`,
    ],
    [
      "an empty revisions list",
      { revisions: [] },
      `istio.revisions: must list at least one revision, got []`,
    ],
  ])("%s", (...row) => {
    // jest hands a done callback to a 4-parameter function given 3-item rows: read the row.
    const [, istio, message, mode] = row;
    expect(problemsOf(istio, typeof mode === "string" ? mode : undefined)).toEqual([message]);
  });

  test("revisions three minors apart", () => {
    // Kubernetes 1.33 is in both minors' windows, so the minor gap is the one problem.
    const istio = {
      revisions: [{ version: "1.28.10" }, { version: "1.31.1" }],
      defaultRevision: "1-28-10",
    };
    expect(problemsOf(istio, undefined, { minMasterVersion: "1.33" })).toEqual([
      `istio.revisions[1].version: '1.31.1' is 3 minors from '1.28.10' (istio.revisions[0]); revisions may be at most 2 minors apart (a canary may skip one minor)`,
    ]);
  });

  test("the documented contract is valid, and today's keys keep working", () => {
    expect(
      problemsOf({
        ...TWO,
        tags: { "prod-stable": "1-29-6", "prod-canary": "1-30-5" },
        injectionNamespaces: ["default", { name: "shop", revision: "prod-canary" }],
        ingressGateway: { revision: "prod-stable" },
      }),
    ).toEqual([]);
    expect(problemsOf({ version: "1.30.5", ingressGateway: true })).toEqual([]);
    expect(problemsOf({ ingressGateway: false, injectionNamespaces: ["default"] })).toEqual([]);
    // The last accepted lengths (one more is refused above).
    expect(
      problemsOf({
        revisions: [{ version: "1.30.5", name: "a".repeat(MAX_REVISION_NAME) }],
        tags: { ["t".repeat(MAX_TAG_NAME)]: "a".repeat(MAX_REVISION_NAME) },
      }),
    ).toEqual([]);
    // One revision: defaultRevision defaults to it; a skip of one minor is allowed.
    expect(problemsOf({ revisions: [{ version: "1.30.5", name: "stable" }] })).toEqual([]);
    expect(
      problemsOf({
        revisions: [{ version: "1.29.6" }, { version: "1.31.0" }],
        defaultRevision: "1-31-0",
      }),
    ).toEqual([]);
  });
});

describe("revision plan and synth-time picture", () => {
  const [parsed] = parseConfig({
    environments: [
      env({
        ...TWO,
        tags: { "prod-stable": "1-29-6", "prod-canary": "1-30-5" },
        injectionNamespaces: ["default", { name: "shop", revision: "prod-canary" }],
        ingressGateway: { revision: "prod-stable" },
      }),
    ],
  });

  test("names default to the dashed version; base follows the newest; 'default' follows defaultRevision", () => {
    const plan = revisionPlan(parsed.istio)!;
    expect(plan.revisions).toEqual([
      { name: "1-29-6", version: "1.29.6" },
      { name: "1-30-5", version: "1.30.5" },
    ]);
    expect([...plan.tags]).toEqual([
      ["default", "1-29-6"],
      ["prod-stable", "1-29-6"],
      ["prod-canary", "1-30-5"],
    ]);
    expect(plan.baseVersion).toBe("1.30.5");
    expect(revisionPlan({ version: "1.30.5" })).toBeUndefined();
  });

  test("one line per environment: which namespace and gateway runs on which revision and version", () => {
    expect(revisionPicture("up", "oss", parsed.istio)).toBe(
      "Istio in up: 1-29-6 (1.29.6, tags default, prod-stable) runs default (istio-injection=enabled), gateway istio-ingress (revision prod-stable); 1-30-5 (1.30.5, tags prod-canary) runs shop (istio.io/rev=prod-canary)",
    );
    expect(revisionPicture("one", "oss", { injectionNamespaces: ["default"] })).toBe(
      "Istio in one: istiod 1.31.1 (no revision) runs default, gateway istio-ingress",
    );
    expect(revisionPicture("old", "oss", { version: "1.4.10" })).toBeUndefined();
    expect(revisionPicture("m", "managed", {})).toBeUndefined();
  });
});

describe("istio revisions: the edges of each rule", () => {
  const plan = (istio: Record<string, unknown>) =>
    revisionPlan(parseConfig({ environments: [env(istio)] })[0].istio)!;

  test("base follows the newest revision, in whatever order they are listed; versions compare as numbers", () => {
    expect(
      plan({ revisions: [{ version: "1.30.5" }, { version: "1.29.6" }], defaultRevision: "1-29-6" })
        .baseVersion,
    ).toBe("1.30.5");
    expect(
      plan({
        revisions: [{ version: "1.30.5" }, { version: "1.30.10", name: "b" }],
        defaultRevision: "b",
      }).baseVersion,
    ).toBe("1.30.10");
    expect([
      compareVersions("1.30.5", "1.30.10") < 0,
      compareVersions("1.31.0", "1.30.9") > 0,
      compareVersions("1.3.0", "1.3.0"),
    ]).toEqual([true, true, 0]);
  });

  test("resolveRevision: a tag resolves to its revision, a revision to itself, anything else throws", () => {
    const p = plan({ ...TWO, tags: { canary: "1-30-5" } });
    expect(resolveRevision(p, "canary")).toEqual({
      revision: "1-30-5",
      version: "1.30.5",
      tag: "canary",
    });
    expect(resolveRevision(p, "1-30-5")).toEqual({
      revision: "1-30-5",
      version: "1.30.5",
      tag: undefined,
    });
    expect(resolveRevision(p, "default")).toEqual({
      revision: "1-29-6",
      version: "1.29.6",
      tag: "default",
    });
    expect(() => resolveRevision(p, "nope")).toThrow("'nope' names no revision or tag");
  });

  test("minors apart are counted from the oldest revision, wherever it is listed", () => {
    expect(
      problemsOf(
        {
          revisions: [{ version: "1.30.5" }, { version: "1.28.3" }, { version: "1.31.0" }],
          defaultRevision: "1-30-5",
        },
        undefined,
        // Kubernetes all three support (1.28: 1.30 to 1.34; 1.30 and 1.31: 1.32 to 1.36).
        { minMasterVersion: "1.33" },
      ),
    ).toEqual([
      "istio.revisions[2].version: '1.31.0' is 3 minors from '1.28.3' (istio.revisions[1]); revisions may be at most 2 minors apart (a canary may skip one minor)",
    ]);
  });

  test("revisionProblems measures minors only when every version has a chart layout", () => {
    // The schema refuses 2.0.0 on its own; this rule must not add a second line about it.
    expect(
      revisionProblems({
        revisions: [{ version: "1.30.5" }, { version: "2.0.0" }],
        defaultRevision: "1-30-5",
      }),
    ).toEqual([]);
  });

  test("a version the schema refuses is not also measured in minors", () => {
    expect(
      problemsOf({
        revisions: [{ version: "1.30.5" }, { version: "2.0.0" }],
        defaultRevision: "1-30-5",
      }),
    ).toEqual([
      expect.stringMatching(/^istio\.revisions\[1\]\.version: not a supported Istio version; /),
    ]);
  });

  test("a tag that points at a tag gets no 'did you mean', even near a revision name", () => {
    expect(problemsOf({ ...TWO, tags: { "1-29-7": "1-29-6", b: "1-29-7" } })).toEqual([
      "istio.tags.b: '1-29-7' is a tag, not a revision; declared revisions are 1-29-6, 1-30-5",
    ]);
  });

  test("'default' is always a tag to refer to; a tag of 43 characters is a valid reference", () => {
    const long = "t".repeat(MAX_TAG_NAME);
    expect(
      problemsOf({
        ...TWO,
        tags: { [long]: "1-30-5" },
        injectionNamespaces: [
          { name: "shop", revision: "default" },
          { name: "web", revision: long },
        ],
      }),
    ).toEqual([]);
  });

  test("a name that is no string, or ends in '-', is refused with the rule", () => {
    expect(problemsOf({ revisions: [{ version: "1.30.5", name: 5 }] })).toEqual([
      "istio.revisions[0].name: must be a string (revision names), got 5",
    ]);
    expect(problemsOf({ revisions: [{ version: "1.30.5", name: "canary-" }] })).toEqual([
      `istio.revisions[0].name: must be a DNS label (revision names): lower-case letters, digits and '-', starting and ending with a letter or digit, got "canary-"`,
    ]);
  });

  test("the picture without revisions: the gateway alone, or nothing", () => {
    expect(revisionPicture("g", "oss", {})).toBe(
      "Istio in g: istiod 1.31.1 (no revision) runs gateway istio-ingress",
    );
    expect(revisionPicture("n", "oss", { ingressGateway: false })).toBe(
      "Istio in n: istiod 1.31.1 (no revision) runs no namespace or gateway",
    );
  });

  test("the picture with revisions: unlabelled namespaces and a plain gateway run on the default revision", () => {
    expect(revisionPicture("r", "oss", { ...TWO, injectionNamespaces: ["shop"] })).toBe(
      "Istio in r: 1-29-6 (1.29.6, tags default) runs shop (istio-injection=enabled), gateway istio-ingress (istio-injection=enabled); 1-30-5 (1.30.5) runs no namespace or gateway",
    );
  });
});
