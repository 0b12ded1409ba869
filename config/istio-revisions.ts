import { DEFAULT_ISTIO_VERSION, istioChartLayout } from "./istio-versions";
import { revisionNameOf } from "./istio-revision-names";
import { injectionNamespaces, IstioConfig } from "./istio-schema";
import { nearest } from "./schema-primitives";

/**
 * `istio.revisions`, `istio.tags` and `istio.defaultRevision` resolved: what the mesh stack
 * installs, what the cross-field rules check, and what synth prints. Only for valid input: the
 * rules below run first, so every reference here resolves.
 */
export interface RevisionPlan {
  /** In file order. */
  readonly revisions: readonly {
    readonly name: string;
    readonly version: string;
    /** The unrevisioned istiod of istio.version, kept as this revision. */
    readonly adopt?: boolean;
  }[];
  /** Tag → revision, with the `default` tag of `defaultRevision` first. */
  readonly tags: ReadonlyMap<string, string>;
  readonly defaultRevision: string;
  /** The newest revision's version: the base chart's (CRDs are upgraded before any istiod). */
  readonly baseVersion: string;
}

/** The `default` tag: namespaces labelled istio-injection=enabled, pods sidecar.istio.io/inject=true. */
export const DEFAULT_TAG = "default";

/** The revision plan of an environment, or undefined when it runs one istiod without revision. */
export function revisionPlan(istio: IstioConfig | undefined): RevisionPlan | undefined {
  if (!istio?.revisions) return undefined;
  const revisions = istio.revisions.map((r) => ({
    name: r.name ?? revisionNameOf(r.version),
    version: r.version,
    ...(r.adopt ? { adopt: true } : {}),
  }));
  const adopted = revisions.find((r) => r.adopt)?.name;
  const defaultRevision = istio.defaultRevision ?? adopted ?? revisions[0].name;
  const tags = new Map<string, string>([[DEFAULT_TAG, defaultRevision]]);
  for (const [tag, revision] of Object.entries(istio.tags ?? {})) tags.set(tag, revision);
  const baseVersion = revisions
    .map((r) => r.version)
    .reduce((a, b) => (compareVersions(a, b) >= 0 ? a : b));
  return { revisions, tags, defaultRevision, baseVersion };
}

/** What a revision or tag name stands for. */
export function resolveRevision(
  plan: RevisionPlan,
  reference: string,
): { revision: string; version: string; tag?: string } {
  const tag = plan.tags.has(reference) ? reference : undefined;
  const revision = tag ? plan.tags.get(tag)! : reference;
  const version = plan.revisions.find((r) => r.name === revision)?.version;
  if (version === undefined) throw new Error(`'${reference}' names no revision or tag`);
  return { revision, version, tag };
}

/** Numeric order of MAJOR.MINOR.PATCH versions. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((v) => v.split(".").map(Number));
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/** How far apart two versions are in minors (a different major counts as too far). */
function minorsApart(a: string, b: string): number {
  const [x, y] = [a, b].map((v) => v.split(".").map(Number));
  return x[0] !== y[0] ? Infinity : Math.abs(x[1] - y[1]);
}

/** A canary may skip one minor: 1.29 beside 1.31 (istio.io, "Canary upgrades"). */
export const MAX_MINORS_APART = 2;

/** Chart values the revision plan sets itself: a user value would break it. */
export const PLAN_VALUES = ["revision", "revisionTags"];

/**
 * The rules of the revisions contract, each `<field path>: <problem>; <what is allowed>`.
 * Names themselves (DNS labels, lengths, the reserved tag 'default') are checked by the schema.
 */
export function revisionProblems(istio: IstioConfig | undefined): string[] {
  const problems: string[] = [];
  const namespaces = injectionNamespaces(istio);
  const gateway = typeof istio?.ingressGateway === "object" ? istio.ingressGateway : undefined;
  const references: [string, string | undefined][] = [
    ...namespaces.map((n, i) => [`istio.injectionNamespaces[${i}].revision`, n.revision]),
    ["istio.ingressGateway.revision", gateway?.revision],
  ] as [string, string | undefined][];

  if (!istio?.revisions) {
    const needing: [string, unknown][] = [
      ["istio.tags", istio?.tags],
      ["istio.defaultRevision", istio?.defaultRevision],
      ...references,
    ];
    for (const [at, value] of needing) {
      if (value !== undefined)
        problems.push(
          `${at}: needs istio.revisions (without it one istiod runs, with no revision or tag); add istio.revisions or remove it`,
        );
    }
    return problems;
  }

  if (istio.version !== undefined) {
    problems.push(
      `istio.revisions: not together with istio.version ('${istio.version}'); version runs one istiod without revision, revisions one per entry: keep one of them (docs/istio-upgrades.md)`,
    );
  }
  const names: string[] = [];
  istio.revisions.forEach((r, i) => {
    const name = r.name ?? revisionNameOf(r.version);
    const first = names.indexOf(name);
    if (first >= 0) {
      problems.push(
        `istio.revisions[${i}]: revision '${name}' is already istio.revisions[${first}]; give each revision its own version or name`,
      );
    }
    names.push(name);
  });
  const versions = istio.revisions.map((r) => r.version);
  if (versions.every((v) => "layout" in istioChartLayout(v))) {
    const oldest = versions.reduce((a, b) => (compareVersions(a, b) <= 0 ? a : b));
    versions.forEach((v, i) => {
      const apart = minorsApart(oldest, v);
      if (apart > MAX_MINORS_APART) {
        problems.push(
          `istio.revisions[${i}].version: '${v}' is ${apart === Infinity ? "a different major" : `${apart} minors`} from '${oldest}' (istio.revisions[${versions.indexOf(oldest)}]); revisions may be at most ${MAX_MINORS_APART} minors apart (a canary may skip one minor)`,
        );
      }
    });
  }

  problems.push(...adoptProblems(istio, names, references));

  const revisionList = `declared revisions are ${names.join(", ")}`;
  const notARevision = (at: string, value: string, isTag: boolean) => {
    const near = nearest(value, names);
    return `${at}: '${value}' is ${isTag ? "a tag, not a revision" : "not a revision"}; ${revisionList}${near && !isTag ? ` (did you mean '${near}'?)` : ""}`;
  };
  const tags = Object.entries(istio.tags ?? {});
  const tagNames = tags.map(([tag]) => tag);
  for (const [tag, target] of tags) {
    if (names.includes(tag)) {
      problems.push(
        `istio.tags.${tag}: '${tag}' is also a revision name; tags and revisions must not share names`,
      );
    }
    if (!names.includes(target))
      problems.push(notARevision(`istio.tags.${tag}`, target, tagNames.includes(target)));
  }

  if (istio.defaultRevision !== undefined) {
    if (!names.includes(istio.defaultRevision)) {
      problems.push(
        notARevision(
          "istio.defaultRevision",
          istio.defaultRevision,
          tagNames.includes(istio.defaultRevision),
        ),
      );
    }
  } else if (istio.revisions.length > 1 && !istio.revisions.some((r) => r.adopt)) {
    problems.push(
      `istio.defaultRevision: required with ${istio.revisions.length} revisions (the 'default' tag and the base chart's validator follow it); name one of ${names.join(", ")}`,
    );
  }

  const known = [...names, "default", ...tagNames];
  for (const [at, value] of references) {
    if (value === undefined || known.includes(value)) continue;
    const near = nearest(value, known);
    problems.push(
      `${at}: '${value}' is neither a revision nor a tag; ${revisionList}, tags are ${["default", ...tagNames].join(", ")}${near ? ` (did you mean '${near}'?)` : ""}`,
    );
  }

  for (const key of PLAN_VALUES) {
    if (istio.values && key in istio.values) {
      problems.push(
        `istio.values.${key}: set by istio.revisions and istio.tags; remove it from istio.values`,
      );
    }
  }
  return problems;
}

/**
 * The adopted revision (the istiod without revision that istio.version installed) serves the
 * `default` tag's labels with its own webhooks, under no other name: it must be the default
 * revision, no other tag may point at it, and namespaces and the gateway reach it by leaving
 * `revision` out (or naming the `default` tag).
 */
function adoptProblems(
  istio: IstioConfig,
  names: string[],
  references: [string, string | undefined][],
): string[] {
  const problems: string[] = [];
  const adopted = (istio.revisions ?? []).flatMap((r, i) => (r.adopt ? [i] : []));
  if (adopted.length === 0) return problems;
  if (adopted.length > 1) {
    problems.push(
      `istio.revisions[${adopted[1]}].adopt: only one revision can be the running istiod without revision, and istio.revisions[${adopted[0]}] already is; remove adopt from one`,
    );
  }
  const name = names[adopted[0]];
  if (istio.defaultRevision !== undefined && istio.defaultRevision !== name) {
    problems.push(
      `istio.defaultRevision: '${istio.defaultRevision}' while the adopted revision '${name}' runs; the adopted istiod's own webhooks serve istio-injection=enabled, so it stays the default revision until you remove its entry (docs/istio-upgrades.md)`,
    );
  }
  for (const [tag, target] of Object.entries(istio.tags ?? {})) {
    if (target === name) {
      problems.push(
        `istio.tags.${tag}: points at the adopted revision '${name}', which runs without revision and serves only the 'default' tag; point the tag at another revision`,
      );
    }
  }
  for (const [at, value] of references) {
    if (value === name) {
      problems.push(
        `${at}: '${name}' is the adopted revision, which runs without revision; leave revision out (or name the 'default' tag) to stay on it`,
      );
    }
  }
  return problems;
}

/**
 * One line per environment: which namespace and gateway runs on which revision and version.
 * Printed at synth (an info annotation of the mesh stack), so a reviewer sees each step's state.
 * Undefined where Istio is not installed by Helm with the current charts.
 */
export function revisionPicture(
  environment: string,
  mode: string,
  istio: IstioConfig | undefined,
): string | undefined {
  if (mode !== "oss") return undefined;
  const namespaces = injectionNamespaces(istio);
  const gatewayOn = istio?.ingressGateway ?? true;
  const plan = revisionPlan(istio);
  if (!plan) {
    const version = istio?.version ?? DEFAULT_ISTIO_VERSION;
    const layout = istioChartLayout(version);
    if (!("layout" in layout) || layout.layout === "legacy") return undefined;
    const users = [
      ...namespaces.map((n) => n.name),
      ...(gatewayOn ? ["gateway istio-ingress"] : []),
    ];
    return `Istio in ${environment}: istiod ${version} (no revision) runs ${users.length ? users.join(", ") : "no namespace or gateway"}`;
  }
  const users = new Map<string, string[]>(plan.revisions.map((r) => [r.name, []]));
  const add = (reference: string, what: string) =>
    users.get(resolveRevision(plan, reference).revision)!.push(what);
  for (const n of namespaces) {
    if (n.revision) add(n.revision, `${n.name} (istio.io/rev=${n.revision})`);
    else add(DEFAULT_TAG, `${n.name} (istio-injection=enabled)`);
  }
  if (gatewayOn) {
    const reference = typeof gatewayOn === "object" ? gatewayOn.revision : undefined;
    if (reference) add(reference, `gateway istio-ingress (revision ${reference})`);
    else add(DEFAULT_TAG, "gateway istio-ingress (istio-injection=enabled)");
  }
  const parts = plan.revisions.map((r) => {
    const tags = [...plan.tags].filter(([, rev]) => rev === r.name).map(([tag]) => tag);
    const running = users.get(r.name)!;
    const adopted = r.adopt ? ", adopted: release istiod without revision" : "";
    return `${r.name} (${r.version}${adopted}${tags.length ? `, tags ${tags.join(", ")}` : ""}) runs ${running.length ? running.join(", ") : "no namespace or gateway"}`;
  });
  return `Istio in ${environment}: ${parts.join("; ")}`;
}

/**
 * Warnings at synth while a canary runs (two or more revisions): the namespaces and the gateway
 * that follow a tag move with it. Moving the tag changes no entry of theirs, and their pods take
 * the new version one by one as they restart (a rollout, an eviction, a scale-up), not at once.
 */
export function tagMoveWarnings(environment: string, istio: IstioConfig | undefined): string[] {
  const plan = revisionPlan(istio);
  if (!plan || plan.revisions.length < 2) return [];
  const followers = new Map<string, string[]>([...plan.tags.keys()].map((tag) => [tag, []]));
  for (const n of injectionNamespaces(istio)) {
    const tag = n.revision ?? DEFAULT_TAG;
    followers.get(tag)?.push(`namespace ${n.name}`);
  }
  // Not the gateway: its pods carry the revision a tag resolves to, so a move rolls it out at once.
  const warnings: string[] = [];
  for (const [tag, who] of followers) {
    const revision = plan.revisions.find((r) => r.name === plan.tags.get(tag))!;
    // The adopted istiod keeps the default tag until its entry goes: nothing moves before that.
    if (who.length === 0 || revision.adopt) continue;
    const others = plan.revisions.filter((r) => r.name !== revision.name);
    warnings.push(
      `Istio in ${environment}: ${who.join(", ")} ${who.length === 1 ? "follows" : "follow"} tag '${tag}' (now ${revision.name}, ${revision.version}); moving '${tag}' to ${others.map((r) => `${r.name} (${r.version})`).join(" or ")} changes no entry of theirs, and their pods take the new version one by one as they restart: to move them yourself, give them a revision, or restart them right after the move (docs/istio-upgrades.md)`,
    );
  }
  return warnings;
}
