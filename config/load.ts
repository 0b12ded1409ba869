import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { crossFieldProblems } from "./cross-field-rules";
import { deepMerge, isPlainObject } from "./deep-merge";
import { parseText } from "./parse-text";
import { SELECT_ENV_VAR, selectEnvironments } from "./select";
import { nameCollisions } from "./resource-names";
import { environmentReleaseWarnings, todayUtc } from "./istio-releases";
import { MeshConfig, meshSchema } from "./mesh-schema";
import { meshLabel, meshProblems, withMeshes } from "./mesh-rules";
import {
  defaultsSchema,
  EnvironmentConfig,
  environmentFileSchema,
  environmentSchema,
  nearest,
} from "./schema";

export { deepMerge } from "./deep-merge";

/** The default environment file, relative to the project root. */
export const DEFAULT_CONFIG_FILE = "config/environments.yaml";
/** Names another environment file (YAML or JSON). */
export const CONFIG_ENV_VAR = "GKE_ISTIO_CONFIG";
/** `1` (or `true`): the strict mode, for CI; what synth only warns about otherwise is refused. */
export const STRICT_ENV_VAR = "GKE_ISTIO_STRICT";

/** Whether an environment value turns the strict mode on. */
export const isStrict = (value: string | undefined) => value === "1" || value === "true";

export interface ParseOptions {
  /**
   * Refuse what synth otherwise warns about: an Istio patch missing from the release table, a
   * minor past its end of support (config/istio-releases.ts). @default false
   */
  readonly strict?: boolean;
  /** The strict mode's date for the end-of-support check, YYYY-MM-DD. @default - today (UTC) */
  readonly today?: string;
}

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

/**
 * Reads, merges and validates the environment file named by GKE_ISTIO_CONFIG or the default,
 * then keeps the environments GKE_ISTIO_ENVIRONMENTS selects (config/select.ts; all when unset).
 * The whole file is validated either way.
 */
export function loadConfig(
  file = process.env[CONFIG_ENV_VAR] || DEFAULT_CONFIG_FILE,
  selection = process.env[SELECT_ENV_VAR],
  options: ParseOptions = { strict: isStrict(process.env[STRICT_ENV_VAR]) },
): LoadedConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new ConfigError(file, [
      `cannot read the environment file (${(e as NodeJS.ErrnoException).code ?? e})`,
    ]);
  }
  const parsed = parseText(text, path.extname(file) === ".json" ? "JSON" : "YAML");
  if ("problem" in parsed) throw new ConfigError(file, [parsed.problem]);
  return {
    file,
    environments: selectEnvironments(parseConfig(parsed.data, file, options), selection, file),
  };
}

/** Validates an already-parsed environment file; throws ConfigError with every problem found. */
export function parseConfig(
  data: unknown,
  file = "<inline>",
  options: ParseOptions = {},
): EnvironmentConfig[] {
  const top = environmentFileSchema.safeParse(data, { reportInput: true });
  if (!top.success)
    throw new ConfigError(
      file,
      top.error.issues.flatMap((i) => formatIssue("", i)),
    );

  const defaults = top.data.defaults ?? {};
  // Checked on their own first: a bad default would otherwise be reported once per environment.
  const checkedDefaults = defaultsSchema.safeParse(defaults, { reportInput: true });
  if (!checkedDefaults.success) {
    throw new ConfigError(
      file,
      checkedDefaults.error.issues.flatMap((i) => formatIssue("defaults", i)),
    );
  }
  const problems: string[] = [];
  const environments: EnvironmentConfig[] = [];
  const seen = new Map<string, number>();
  const fromDefaults = new Map<string, string[]>();

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
    for (const problem of crossFieldProblems(env)) {
      // A problem of a value the environment takes from `defaults` is the defaults' own: said
      // once, after the environments, naming every environment that inherits it.
      if (inheritedFromDefaults(problem, raw, defaults)) {
        fromDefaults.set(problem, [...(fromDefaults.get(problem) ?? []), label]);
      } else problems.push(`${label}: ${problem}`);
    }
    if (options.strict) {
      const today = options.today ?? todayUtc();
      problems.push(
        ...environmentReleaseWarnings(env, today).map(
          (p) => `${label}: ${p} (refused: ${STRICT_ENV_VAR}=1)`,
        ),
      );
    }
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

  const meshes: MeshConfig[] = [];
  (top.data.meshes ?? []).forEach((raw, index) => {
    if (!isPlainObject(raw)) {
      problems.push(
        `${meshLabel(raw, index)}: must be a mapping { name, environments, network }, got ${show(raw)}`,
      );
      return;
    }
    const result = meshSchema.safeParse(raw, { reportInput: true });
    if (result.success) meshes.push(result.data);
    else
      problems.push(...result.error.issues.flatMap((i) => formatIssue(meshLabel(raw, index), i)));
  });

  for (const [problem, labels] of fromDefaults) {
    problems.push(`defaults (inherited by ${labels.join(", ")}): ${problem}`);
  }
  // Across environments, once each is valid on its own (indexes then match the file's).
  if (problems.length === 0) {
    for (const [index, lines] of nameCollisions(environments)) {
      const label = environmentLabel(environments[index], index);
      problems.push(...lines.map((line) => `${label}: ${line}`));
    }
    problems.push(...meshProblems(meshes, environments));
  }
  if (problems.length > 0) throw new ConfigError(file, problems);
  return withMeshes(environments, meshes);
}

/**
 * Whether a problem line's field (`cluster.masterAuthorizedNetworks[0].cidrBlock: ...`) holds a
 * value the environment does not set and `defaults` does: the merged value is then the default's.
 */
function inheritedFromDefaults(
  problem: string,
  raw: Record<string, unknown>,
  defaults: Record<string, unknown>,
): boolean {
  const field = /^([A-Za-z][\w.]*)[[:]/.exec(problem)?.[1];
  if (!field) return false;
  const at = (root: unknown, keys: string[]): unknown =>
    keys.reduce<unknown>((v, k) => (isPlainObject(v) ? v[k] : undefined), root);
  const keys = field.split(".");
  return at(raw, keys) === undefined && at(defaults, keys) !== undefined;
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
