import type { App } from "cdktf";
import { ConfigError, parseConfig } from "../config/load";
import { EnvironmentConfig } from "../config/schema";
import type { TerraformJson } from "./app-synth";

/** A small valid environment; tests override what they exercise. */
export function environment(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "test",
    mode: "managed",
    project: "test-project",
    location: "europe-west1",
    nodePools: [{ name: "pool" }],
    ...overrides,
  };
}

/** Validates raw environments the way the app does. */
export function parseEnvironments(...envs: Record<string, unknown>[]): EnvironmentConfig[] {
  return parseConfig({ environments: envs }, "test.yaml");
}

/**
 * The problem lines of the ConfigError `parse` throws (a refused file), [] when it throws none;
 * any other error fails the test.
 */
export function configProblems(parse: () => unknown): string[] {
  try {
    parse();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.problems;
  }
  return [];
}

/**
 * What both east-west gateways (sidecar and ambient) refuse, and how: their props share the
 * `network` and `exposure` checks (constructs/east-west-gateway.ts).
 */
export const EAST_WEST_REFUSALS: [
  { network: string; exposure?: "internal" | "external" },
  RegExp,
][] = [
  [{ network: "Shop EU" }, /'network' must be a DNS label .*got 'Shop EU'/],
  [
    { network: "net", exposure: "public" as never },
    /'exposure' must be "internal" or "external", got 'public'/,
  ],
];

/** Synthesized Terraform JSON of every stack, parsed, keyed by stack name. */
export type SynthesizedStacks = Record<string, TerraformJson>;
export type { TerraformJson } from "./app-synth";

// cdktf and the stacks (the provider bindings) are loaded on the first synthesis, not by every
// test file that imports this one: the config and policy tests only parse (and a remembered
// synthesis loads neither).
/* eslint-disable @typescript-eslint/no-require-imports */
const cdktf = () => require("cdktf") as typeof import("cdktf");
const stacks = () =>
  require("../stacks/environment-stacks") as typeof import("../stacks/environment-stacks");
const remembered = () => require("./remembered-results") as typeof import("./remembered-results");
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * Runs the real app (config → stacks → cdktf synth) in memory and returns every stack's JSON.
 * A synthesis that succeeded is remembered across jest runs by content, like the app's runs
 * (remembered-results.ts: the environments, every input of the app's code, its variables, the
 * date); one that throws runs every time.
 */
export function synthEnvironments(...envs: Record<string, unknown>[]): SynthesizedStacks {
  return remembered().remembered("synthEnvironments", envs, () => {
    const app = cdktf().Testing.app();
    stacks().addEnvironments(app, parseEnvironments(...envs));
    return synthApp(app);
  });
}

export function synthApp(app: App): SynthesizedStacks {
  const out: SynthesizedStacks = {};
  for (const stack of app.node.children) {
    if (!("toTerraform" in stack)) continue;
    out[stack.node.id] = JSON.parse(cdktf().Testing.synth(stack as never));
  }
  return out;
}

/** All resources of one type in a stack, as a list of their bodies. */
export function resourcesOf(stack: TerraformJson, type: string): TerraformJson[] {
  return Object.values(stack.resource?.[type] ?? {});
}

/** The single resource of a type in a stack; fails when there are none or several. */
export function onlyResource(stack: TerraformJson, type: string): TerraformJson {
  const all = resourcesOf(stack, type);
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}
