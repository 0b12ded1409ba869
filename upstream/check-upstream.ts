/**
 * `npm run upstream` as a function: reads upstream for every environment, in parallel (bounded
 * by Http), and returns the report's lines in a fixed order and the exit code.
 */
import * as fs from "fs";
import * as path from "path";
import { EnvironmentConfig } from "../config/schema";
import { ISTIO_MINORS, IstioMinor } from "../facts/istio-releases";
import {
  chartFindings,
  Finding,
  gkeFindings,
  imageFindings,
  PinnedProvider,
  problem,
  providerFindings,
  releaseFindings,
  retiredHost,
} from "./checks";
import { istioSources, pinnedIstio } from "./environment";
import {
  applicationDefaultCredentials,
  CredentialsError,
  gkeServerConfig,
  GoogleAuthHeaders,
} from "./gke";
import { Http, HttpOptions, UpstreamError } from "./http";
import { chartVersions, imageTags, providerVersions } from "./sources";

/** The provider bindings whose Terraform providers the stacks use. */
export const PROVIDER_BINDINGS = [
  "@cdktf/provider-google",
  "@cdktf/provider-google-beta",
  "@cdktf/provider-helm",
  "@cdktf/provider-kubernetes",
] as const;

/** The provider versions our bindings pin, from their package.json (`cdktf.provider`). */
export function pinnedProviders(root = path.resolve(__dirname, "..")): PinnedProvider[] {
  return PROVIDER_BINDINGS.map((binding) => {
    const pkg = JSON.parse(
      fs.readFileSync(path.join(root, "node_modules", binding, "package.json"), "utf8"),
    ) as { version: string; cdktf: { provider: { name: string; version: string } } };
    return {
      source: pkg.cdktf.provider.name.replace(/^registry\.terraform\.io\//, ""),
      version: pkg.cdktf.provider.version,
      binding: `${binding} ${pkg.version}`,
    };
  });
}

export interface CheckUpstreamOptions extends HttpOptions {
  /** @default ISTIO_MINORS */
  readonly minors?: readonly IstioMinor[];
  /** @default now */
  readonly today?: Date;
  /** @default application default credentials */
  readonly googleAuth?: (http: Http) => GoogleAuthHeaders;
  /** @default pinnedProviders() */
  readonly providers?: readonly PinnedProvider[];
}

export interface UpstreamReport {
  /** Every line, in order, the summary last. */
  readonly lines: string[];
  /** 0 clean, 1 problems, 2 offline (then `lines` is the one line saying so). */
  readonly exitCode: 0 | 1 | 2;
}

/** What a failed read says in the report. */
function failure(what: string, e: unknown): Finding {
  if (e instanceof UpstreamError) {
    const detail =
      e.kind === "unreachable"
        ? `unreachable (${e.detail})`
        : e.kind === "malformed"
          ? `malformed answer: ${e.detail}`
          : e.detail;
    return problem(`${what}: ${e.url} ${detail}`);
  }
  if (e instanceof CredentialsError)
    return problem(
      `${what}: no application default credentials (${e.detail}); run \`gcloud auth application-default login\`, or set GOOGLE_APPLICATION_CREDENTIALS`,
    );
  throw e;
}

/** A read that becomes findings, or the problem line of its failure. */
const read = <T>(what: string, answer: Promise<T>, findings: (value: T) => Finding[]) =>
  answer.then(findings, (e: unknown) => [failure(what, e)]);

async function environmentFindings(
  env: EnvironmentConfig,
  http: Http,
  auth: GoogleAuthHeaders,
  minors: readonly IstioMinor[],
  today: Date,
): Promise<Finding[]> {
  const { hub } = istioSources(env);
  const pins = pinnedIstio(env);
  const checks: Promise<Finding[]>[] = [];
  const retiredHub = pins.length ? retiredHost(hub) : undefined;
  if (retiredHub) checks.push(Promise.resolve([retiredHub]));
  for (const pin of pins) {
    // A retired host is not read: it may still answer today, and stop any day.
    const retired = retiredHost(pin.repository);
    if (retired) checks.push(Promise.resolve([retired]));
    else {
      const index = chartVersions(http, pin.repository.value, pin.charts);
      checks.push(
        read(`${pin.field}: chart repository`, index, (found) => [
          ...chartFindings(pin, found),
          ...releaseFindings(pin, minors, found.get("istiod") ?? found.get("istio") ?? [], today),
        ]),
      );
    }
    if (!retiredHub) {
      const tags = Promise.all(pin.images.map((image) => imageTags(http, hub.value, image)));
      checks.push(
        read(`${pin.field}: hub`, tags, (lists) =>
          imageFindings(pin, hub, new Map(pin.images.map((image, i) => [image, lists[i]]))),
        ),
      );
    }
  }
  checks.push(
    read(
      "cluster: GKE server config",
      gkeServerConfig(http, auth, env.project, env.location),
      (config) => gkeFindings(env, config),
    ),
  );
  const findings = (await Promise.all(checks)).flat();
  // Two pins of one environment can share a finding (a retired host); say it once.
  return findings.filter(
    (f, i) => findings.findIndex((g) => g.text === f.text && g.severity === f.severity) === i,
  );
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Reads upstream for every environment and the providers, and words the report. */
export async function checkUpstream(
  environments: readonly EnvironmentConfig[],
  options: CheckUpstreamOptions = {},
): Promise<UpstreamReport> {
  const http = new Http(options);
  const auth = (options.googleAuth ?? applicationDefaultCredentials)(http);
  const minors = options.minors ?? ISTIO_MINORS;
  const today = options.today ?? new Date();
  const sections: [string, Promise<Finding[]>][] = environments.map((env) => [
    env.name,
    environmentFindings(env, http, auth, minors, today),
  ]);
  for (const pin of options.providers ?? pinnedProviders()) {
    sections.push([
      "providers",
      read(`${pin.source}: Terraform registry`, providerVersions(http, pin.source), (published) =>
        providerFindings(pin, published),
      ),
    ]);
  }
  const results = await Promise.all(sections.map(([, findings]) => findings));
  const hosts = [...http.hosts].sort(([a], [b]) => a.localeCompare(b));
  if (hosts.length > 0 && hosts.every(([, why]) => why !== undefined)) {
    const reasons = [...new Set(hosts.map(([, why]) => why))].join(", ");
    return {
      lines: [
        `upstream: offline, no upstream host answered (${hosts.map(([h]) => h).join(", ")}: ${reasons}); nothing was checked`,
      ],
      exitCode: 2,
    };
  }
  const lines: string[] = [];
  const count = { problem: 0, notice: 0, ok: 0 };
  const failing = new Set<string>();
  sections.forEach(([name], i) => {
    for (const f of results[i]) {
      lines.push(`${name}: ${f.severity}: ${f.text}`);
      count[f.severity]++;
      if (f.severity === "problem") failing.add(name);
    }
  });
  const summary = `${plural(environments.length, "environment")}, ${plural(count.problem, "problem")}${
    failing.size ? ` (${[...failing].join(", ")})` : ""
  }, ${plural(count.notice, "notice")}; ${plural(http.requests, "request")} to ${plural(hosts.length, "host")}`;
  lines.push(`upstream: ${count.problem ? "not clean" : "clean"}: ${summary}`);
  return { lines, exitCode: count.problem ? 1 : 0 };
}
