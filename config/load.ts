import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { POLICY_RULE_IDS } from "../policy/rules";
import { DEFAULT_ISTIO_VERSION, istioChartLayout } from "./istio-versions";
import {
  EnvironmentConfig,
  environmentFileSchema,
  environmentSchema,
  nearest,
  regionOf,
} from "./schema";

/** The default environment file, relative to the project root. */
export const DEFAULT_CONFIG_FILE = "config/environments.yaml";
/** Names another environment file (YAML or JSON). */
export const CONFIG_ENV_VAR = "GKE_ISTIO_CONFIG";

/** An invalid environment file: one line per problem, meant to be printed as is. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(problems.map((p) => `${file}: ${p}`).join("\n"));
    this.name = "ConfigError";
  }
}

export interface LoadedConfig {
  /** The file as the user named it (relative paths stay relative). */
  readonly file: string;
  readonly environments: EnvironmentConfig[];
}

/** Reads, merges and validates the environment file named by GKE_ISTIO_CONFIG or the default. */
export function loadConfig(
  file = process.env[CONFIG_ENV_VAR] || DEFAULT_CONFIG_FILE,
): LoadedConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new ConfigError(file, [
      `cannot read the environment file (${(e as NodeJS.ErrnoException).code ?? e})`,
    ]);
  }
  let data: unknown;
  try {
    data =
      path.extname(file) === ".json" ? JSON.parse(text) : parseYaml(text, { prettyErrors: false });
  } catch (e) {
    throw new ConfigError(file, [
      `not valid ${path.extname(file) === ".json" ? "JSON" : "YAML"}: ${String((e as Error).message).split("\n")[0]}`,
    ]);
  }
  return { file, environments: parseConfig(data, file) };
}

/** Validates an already-parsed environment file; throws ConfigError with every problem found. */
export function parseConfig(data: unknown, file = "<inline>"): EnvironmentConfig[] {
  const top = environmentFileSchema.safeParse(data, { reportInput: true });
  if (!top.success)
    throw new ConfigError(
      file,
      top.error.issues.flatMap((i) => formatIssue("", i)),
    );

  const defaults = top.data.defaults ?? {};
  const problems: string[] = [];
  const environments: EnvironmentConfig[] = [];
  const seen = new Map<string, number>();

  top.data.environments.forEach((raw, index) => {
    const label = environmentLabel(raw, index);
    if (!isPlainObject(raw)) {
      problems.push(`${label}: must be a mapping of settings, got ${show(raw)}`);
      return;
    }
    const merged = deepMerge(defaults, raw);
    const result = environmentSchema.safeParse(merged, { reportInput: true });
    if (!result.success) {
      problems.push(...result.error.issues.flatMap((i) => formatIssue(label, i)));
      return;
    }
    const env = result.data;
    problems.push(...crossFieldProblems(env).map((p) => `${label}: ${p}`));
    const first = seen.get(env.name);
    if (first !== undefined) {
      problems.push(
        `${label}: name: '${env.name}' is already used by environments[${first}]; environment names must be unique`,
      );
    } else {
      seen.set(env.name, index);
    }
    environments.push(env);
  });

  if (problems.length > 0) throw new ConfigError(file, problems);
  return environments;
}

/** Rules that span fields, which the per-field schema cannot state. */
export function crossFieldProblems(env: EnvironmentConfig): string[] {
  const problems: string[] = [];
  const region = regionOf(env.location);
  for (const [i, zone] of (env.cluster?.nodeLocations ?? []).entries()) {
    if (regionOf(zone) !== region) {
      problems.push(
        `cluster.nodeLocations[${i}]: '${zone}' is not in the region of location '${env.location}'; use zones of ${region}`,
      );
    }
  }
  for (const [i, net] of (env.cluster?.masterAuthorizedNetworks ?? []).entries()) {
    if (net.cidrBlock.endsWith("/0")) {
      problems.push(
        `cluster.masterAuthorizedNetworks[${i}].cidrBlock: '${net.cidrBlock}' opens the control plane to the internet; list the CIDR blocks of your deploy runners and offices`,
      );
    }
  }
  if (env.cluster?.privateEndpoint && env.cluster.privateNodes === false) {
    problems.push(
      `cluster.privateEndpoint: true needs private nodes, got privateNodes false; set privateNodes true or privateEndpoint false`,
    );
  }
  if (env.mode === "cloud-service-mesh") {
    if (env.cluster?.workloadIdentity === false) {
      problems.push(
        `cluster.workloadIdentity: false is not allowed with mode cloud-service-mesh, which requires Workload Identity; remove the key or set it true`,
      );
    }
    env.nodePools.forEach((pool, i) => {
      if (pool.workloadMetadata === "GCE_METADATA")
        problems.push(
          `nodePools[${i}].workloadMetadata: 'GCE_METADATA' is not allowed with mode cloud-service-mesh, which requires Workload Identity on nodes; remove the key or set it 'GKE_METADATA'`,
        );
    });
  }
  const poolNames = new Set<string>();
  env.nodePools.forEach((pool, i) => {
    const at = `nodePools[${i}]`;
    const min = pool.minNodeCount ?? 1;
    const max = pool.maxNodeCount ?? Math.max(3, min);
    const initial = pool.initialNodeCount ?? min;
    if (min > max)
      problems.push(
        `${at}.minNodeCount: ${min} is greater than maxNodeCount ${max}; must be <= maxNodeCount`,
      );
    else if (initial < min || initial > max) {
      problems.push(
        `${at}.initialNodeCount: ${initial} is outside minNodeCount..maxNodeCount (${min}..${max}); must be between them`,
      );
    }
    if (pool.preemptible && pool.spot) {
      problems.push(
        `${at}.spot: true together with preemptible true; choose one of preemptible or spot`,
      );
    }
    if (poolNames.has(pool.name))
      problems.push(`${at}.name: '${pool.name}' is used twice; node pool names must be unique`);
    poolNames.add(pool.name);
  });
  problems.push(...waiverProblems(env));
  if (env.network?.existing && (!env.network.name || !env.network.subnetName)) {
    problems.push(
      `network.existing: true needs network.name and network.subnetName of the existing network, got ${show(env.network.name)} and ${show(env.network.subnetName)}`,
    );
  }
  const version = env.istio?.version ?? DEFAULT_ISTIO_VERSION;
  const profile = env.istio?.profile;
  const chart = istioChartLayout(version);
  if (profile && profile !== "default" && "layout" in chart && chart.layout !== "legacy") {
    problems.push(
      `istio.profile: '${profile}' applies to the legacy charts (istio.version 1.3.x or 1.4.x) only, got istio.version '${version}'; remove it and put chart values in istio.values`,
    );
  }
  return problems;
}

/** A waiver must name a known policy rule, once. */
function waiverProblems(env: EnvironmentConfig): string[] {
  const problems: string[] = [];
  const waived = new Set<string>();
  (env.policy?.waivers ?? []).forEach((waiver, j) => {
    const at = `policy.waivers[${j}].rule`;
    if (!POLICY_RULE_IDS.includes(waiver.rule)) {
      problems.push(
        `${at}: unknown rule '${waiver.rule}'; known rules are ${POLICY_RULE_IDS.join(", ")}`,
      );
    } else if (waived.has(waiver.rule)) {
      problems.push(`${at}: '${waiver.rule}' is waived twice; keep one waiver per rule`);
    }
    waived.add(waiver.rule);
  });
  return problems;
}

function environmentLabel(raw: unknown, index: number): string {
  const name = isPlainObject(raw) && typeof raw.name === "string" ? ` (${raw.name})` : "";
  return `environments[${index}]${name}`;
}

function formatIssue(label: string, issue: z.core.$ZodIssue): string[] {
  const line = (p: readonly PropertyKey[], text: string) => {
    const where = p.length ? formatPath(p) : label ? "" : "(top level)";
    return `${[label, where].filter(Boolean).join(": ")}: ${text}`;
  };
  if (issue.code === "unrecognized_keys") {
    // The schema's message holds one line per key (see `strict` in schema.ts).
    const messages = issue.message.split("\n");
    return issue.keys.map((key, i) => line([...issue.path, key], messages[i] ?? issue.message));
  }
  const input = (issue as { input?: unknown }).input;
  let text = issue.message;
  if (issue.code === "invalid_key" || issue.code === "invalid_element")
    text = issue.issues[0]?.message ?? text;
  if (issue.code === "invalid_value") {
    const allowed = issue.values.map(String);
    const near = typeof input === "string" ? nearest(input, allowed) : undefined;
    text = `must be one of ${allowed.join(", ")}${near ? ` (did you mean '${near}'?)` : ""}`;
  }
  return [line(issue.path, `${text}, got ${show(input)}`)];
}

export function formatPath(p: readonly PropertyKey[]): string {
  return p
    .map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`))
    .join("");
}

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Objects merge key by key; lists and scalars in `over` replace those in `under`. */
export function deepMerge(
  under: Record<string, unknown>,
  over: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...under };
  for (const [key, value] of Object.entries(over)) {
    const base = out[key];
    out[key] = isPlainObject(base) && isPlainObject(value) ? deepMerge(base, value) : value;
  }
  return out;
}
