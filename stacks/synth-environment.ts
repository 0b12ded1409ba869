import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { ConfigError, parseConfig, ParseOptions } from "../config/load";
import { parseText } from "../config/parse-text";
import { policyViolations } from "../policy/check-policy";
import { addEnvironments } from "./environment-stacks";

/** One synthesized stack: the Terraform JSON that `cdktf synth` writes, parsed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SynthesizedStack = Record<string, any>;

/** An unwaived policy violation: one line per violation, as `npm run synth` prints them. */
export class PolicyViolationError extends Error {
  constructor(readonly violations: string[]) {
    super(`Policy check failed:\n${violations.join("\n")}`);
    this.name = "PolicyViolationError";
  }
}

export interface SynthEnvironmentOptions extends ParseOptions {
  /** The name the validation messages give the input. @default "<inline>" */
  readonly file?: string;
}

/**
 * Synthesizes environments exactly as the app does (validation, stacks, policy check, `app.synth()`)
 * and returns every stack's Terraform JSON, keyed by stack name, for a team's own snapshot tests.
 *
 * `input` is YAML (or JSON) text or an already-parsed object, either a whole environment file
 * (`{ defaults?, environments: [...] }`) or one environment. Throws ConfigError for invalid input and
 * PolicyViolationError for an unwaived policy violation, with the app's one-line messages.
 */
export function synthEnvironment(
  input: string | object,
  options: SynthEnvironmentOptions = {},
): Record<string, SynthesizedStack> {
  const file = options.file ?? "<inline>";
  let data: unknown = input;
  if (typeof input === "string") {
    const parsed = parseText(input, "YAML");
    if ("problem" in parsed) throw new ConfigError(file, [parsed.problem]);
    data = parsed.data;
  }
  const whole = data !== null && typeof data === "object" && "environments" in data;
  const environments = parseConfig(whole ? data : { environments: [data] }, file, options);

  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "gke-istio-synth-"));
  try {
    // Stryker disable next-line BooleanLiteral: equivalent in the returned JSON; stack traces only cost time
    const app = new App({ outdir, stackTraces: false });
    addEnvironments(app, environments);
    const violations = policyViolations(app);
    if (violations.length > 0) throw new PolicyViolationError(violations);
    app.synth();
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8")) as {
      stacks: Record<string, { synthesizedStackPath: string }>;
    };
    return Object.fromEntries(
      Object.entries(manifest.stacks).map(([name, s]) => [
        name,
        JSON.parse(fs.readFileSync(path.join(outdir, s.synthesizedStackPath), "utf8")),
      ]),
    );
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
