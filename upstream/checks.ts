/**
 * The checks, each from what upstream answered to lines of the report: releases that do not
 * exist, minors past or near their end of support, newer patches, retired hosts, GKE's channel
 * versions against the cluster, and the Terraform registry against the providers we pin.
 */
import { EnvironmentConfig } from "../config/schema";
import { IstioMinor } from "../facts/istio-releases";
import { RETIRED_HOSTS } from "../facts/istio-hosting";
import { PinnedIstio, Source } from "./environment";
import { GkeServerConfig } from "./gke";
import { ChartVersions } from "./sources";

export type Severity = "problem" | "notice" | "ok";

/** One line of the report. Problems fail the check; notices and oks are printed only. */
export interface Finding {
  readonly severity: Severity;
  readonly text: string;
}

export const problem = (text: string): Finding => ({ severity: "problem", text });
export const notice = (text: string): Finding => ({ severity: "notice", text });
export const passed = (text: string): Finding => ({ severity: "ok", text });

/** A minor whose end of support is this close is reported before it passes. */
export const NEAR_END_OF_SUPPORT_DAYS = 30;

const EXACT = /^(\d+)\.(\d+)\.(\d+)$/;
const minorOf = (version: string) => version.split(".").slice(0, 2).join(".");
const patchOf = (version: string) => Number(EXACT.exec(version)?.[3] ?? -1);

/** The newest exact release of a minor among versions (pre-releases left out), if any. */
export function newestPatch(versions: Iterable<string>, minor: string): string | undefined {
  let newest: string | undefined;
  for (const v of versions) {
    if (EXACT.test(v) && minorOf(v) === minor && (!newest || patchOf(v) > patchOf(newest)))
      newest = v;
  }
  return newest;
}

/** The retired host a chart repository or hub names, if any. */
export function retiredHost(source: Source): Finding | undefined {
  const bare = source.value.replace(/^[a-z]+:\/\//, "");
  const host = RETIRED_HOSTS.find((h) => bare === h.prefix || bare.startsWith(`${h.prefix}/`));
  if (!host) return undefined;
  return problem(
    `${source.field}: ${source.value} is a retired host: ${host.what}, gone from ${host.retired} (${host.source})`,
  );
}

/** The pinned version against the chart repository's versions of each chart it installs. */
export function chartFindings(pin: PinnedIstio, index: ChartVersions): Finding[] {
  const missing = pin.charts.filter((chart) => !index.get(chart)?.includes(pin.version));
  const where = `the chart repository ${pin.repository.value}`;
  if (missing.length === 0)
    return [passed(`${pin.field}: ${pin.version} is in ${where} (${pin.charts.join(", ")})`)];
  const newest = newestPatch(index.get(missing[0]) ?? [], minorOf(pin.version));
  return [
    problem(
      `${pin.field}: ${pin.version} does not exist in ${where}: no ${missing.join(", ")} ${pin.version} (${
        newest
          ? `newest ${minorOf(pin.version)} patch there: ${newest}`
          : `no ${minorOf(pin.version)} release there`
      })`,
    ),
  ];
}

/** The pinned version against the hub's tags of each image it runs. */
export function imageFindings(
  pin: PinnedIstio,
  hub: Source,
  tags: ReadonlyMap<string, readonly string[]>,
): Finding[] {
  const missing = pin.images.filter((image) => !tags.get(image)?.includes(pin.version));
  if (missing.length === 0)
    return [passed(`${pin.field}: ${pin.version} is on ${hub.value} (${pin.images.join(", ")})`)];
  return [
    problem(
      `${pin.field}: ${pin.version} does not exist on ${hub.value}: no tag ${pin.version} for ${missing.join(", ")}`,
    ),
  ];
}

/** End of support and newer patches, from the release table and what the repository holds. */
export function releaseFindings(
  pin: PinnedIstio,
  minors: readonly IstioMinor[],
  published: readonly string[],
  today: Date,
): Finding[] {
  const minor = minorOf(pin.version);
  const row = minors.find((m) => m.minor === minor);
  const findings: Finding[] = [];
  if (!row) {
    findings.push(
      notice(
        `${pin.field}: Istio ${minor} is not in facts/istio-releases.ts: its end of support is unknown`,
      ),
    );
  } else if (row.endOfSupport) {
    const days = Math.floor((Date.parse(row.endOfSupport) - today.getTime()) / 86_400_000);
    if (days < 0)
      findings.push(
        problem(
          `${pin.field}: Istio ${minor} reached its end of support on ${row.endOfSupport} (${row.source})`,
        ),
      );
    else if (days <= NEAR_END_OF_SUPPORT_DAYS)
      findings.push(
        problem(
          `${pin.field}: Istio ${minor} reaches its end of support on ${row.endOfSupport}, in ${days} days (${row.source})`,
        ),
      );
  }
  const fromTable = newestPatch(row?.patches ?? [], minor);
  const fromRepository = newestPatch(published, minor);
  const newest = [fromTable, fromRepository]
    .filter((v): v is string => v !== undefined)
    .sort((a, b) => patchOf(b) - patchOf(a))[0];
  if (newest && patchOf(newest) > patchOf(pin.version)) {
    const where = [
      fromRepository === newest ? "the chart repository" : undefined,
      fromTable === newest ? "facts/istio-releases.ts" : undefined,
    ].filter(Boolean);
    findings.push(
      problem(
        `${pin.field}: ${pin.version} is behind: Istio ${newest} is out (${where.join(" and ")})`,
      ),
    );
  }
  const newestMinor = newestRelease(published);
  if (newestMinor && minorNumber(newestMinor) > minorNumber(pin.version)) {
    findings.push(
      notice(
        `${pin.field}: ${pin.version}: a newer minor is out: Istio ${newestMinor} (the chart repository)`,
      ),
    );
  }
  if (newestMinor && minors.length > 0 && !minors.some((m) => m.minor === minorOf(newestMinor))) {
    findings.push(
      notice(
        `facts/istio-releases.ts has no row for Istio ${minorOf(newestMinor)} (${newestMinor} is in the chart repository)`,
      ),
    );
  }
  return findings;
}

const minorNumber = (version: string) => Number(version.split(".")[1]);

/** The newest exact 1.x release among versions, if any. */
function newestRelease(versions: readonly string[]): string | undefined {
  const exact = versions.filter((v) => EXACT.test(v) && v.startsWith("1."));
  return exact.sort((a, b) => minorNumber(b) - minorNumber(a) || patchOf(b) - patchOf(a))[0];
}

/** `1.33.5-gke.1308000` → `1.33`. */
const gkeMinor = (version: string) => /^\d+\.\d+/.exec(version)?.[0] ?? version;

/** The cluster's release channel and minMasterVersion against what GKE offers in its location. */
export function gkeFindings(env: EnvironmentConfig, config: GkeServerConfig): Finding[] {
  const channelName = env.cluster?.releaseChannel ?? "REGULAR";
  const wanted = env.cluster?.minMasterVersion;
  let offered: readonly string[];
  let label: string;
  let defaultVersion: string;
  if (channelName === "UNSPECIFIED") {
    offered = config.validMasterVersions;
    label = `without a release channel in ${env.location}`;
    defaultVersion = config.defaultClusterVersion;
  } else {
    const channel = config.channels.find((c) => c.channel === channelName);
    if (!channel)
      return [
        problem(
          `cluster.releaseChannel: GKE offers no ${channelName} channel in ${env.location} (it offers ${
            config.channels.map((c) => c.channel).join(", ") || "none"
          })`,
        ),
      ];
    offered = channel.validVersions;
    label = `on the ${channelName} channel in ${env.location}`;
    defaultVersion = channel.defaultVersion;
  }
  const minors = [...new Set(offered.map(gkeMinor))].sort(
    (a, b) => Number(a.split(".")[1]) - Number(b.split(".")[1]),
  );
  const offers = `GKE offers ${minors.join(", ") || "no version"} ${label}, default ${defaultVersion}`;
  if (wanted === undefined) return [passed(`cluster: ${offers}; the cluster takes the default`)];
  const found = offered.some(
    (v) => v === wanted || v.startsWith(`${wanted}.`) || v.startsWith(`${wanted}-`),
  );
  return [
    found
      ? passed(`cluster.minMasterVersion: ${wanted} is offered (${offers})`)
      : problem(`cluster.minMasterVersion: ${wanted} is not offered: ${offers}`),
  ];
}

/** A provider our bindings pin, as the Terraform registry names it. */
export interface PinnedProvider {
  /** `hashicorp/google-beta`. */
  readonly source: string;
  readonly version: string;
  /** `@cdktf/provider-google-beta 16.12.1`. */
  readonly binding: string;
}

const semver = (v: string) => v.split(".").map(Number);
const newer = (a: string, b: string) => {
  const [x, y] = [semver(a), semver(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] > y[i];
  return false;
};

/** The pinned provider version against the registry's: missing is a problem, newer a notice. */
export function providerFindings(pin: PinnedProvider, published: readonly string[]): Finding[] {
  if (!published.includes(pin.version))
    return [
      problem(
        `${pin.source} ${pin.version} (pinned by ${pin.binding}) is not in the Terraform registry`,
      ),
    ];
  const newest = published
    .filter((v) => EXACT.test(v))
    .reduce((a, b) => (newer(b, a) ? b : a), pin.version);
  return [
    newest === pin.version
      ? passed(`${pin.source} ${pin.version} (pinned by ${pin.binding}) is the newest`)
      : notice(`${pin.source} ${newest} is out; ${pin.binding} pins ${pin.version}`),
  ];
}
