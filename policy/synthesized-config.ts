import { Token } from "cdktf";

/** A resource body as `toTerraform()` gives it: snake_case keys, blocks as objects or lists. */
export type SynthesizedConfig = Record<string, unknown>;

/** A value that is a reference or expression, known only at plan time. */
export const UNKNOWN: unique symbol = Symbol("unknown");

/** Is the value (or anything in it) a token? Such values are never flagged. */
export function isUnknown(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === "object" && !Array.isArray(value)) {
    return Token.isUnresolved(value) || Object.values(value).some(isUnknown);
  }
  if (Array.isArray(value)) return Token.isUnresolved(value) || value.some(isUnknown);
  return Token.isUnresolved(value);
}

/**
 * The value at a dotted path such as `master_auth.client_certificate_config.issue_client_certificate`;
 * a block written as a one-element list is read as its element. `undefined` when absent (or null),
 * UNKNOWN when a token stands anywhere on the way.
 */
export function read(config: SynthesizedConfig, path: string): unknown {
  let value: unknown = config;
  for (const key of path.split(".")) {
    // Stryker disable next-line BooleanLiteral: equivalent, a token list's element is a token
    if (Array.isArray(value) && !Token.isUnresolved(value)) value = value[0];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "object" || Token.isUnresolved(value)) return UNKNOWN;
    value = (value as Record<string, unknown>)[key];
  }
  if (value === null || value === undefined) return undefined;
  return isUnknown(value) ? UNKNOWN : value;
}

/** How a finding quotes a value: JSON, or "absent". */
export function show(value: unknown): string {
  return value === undefined ? "absent" : JSON.stringify(value);
}

const finding = (path: string, value: unknown, why?: string) =>
  `${path} is ${show(value)}${why ? `, ${why}` : ""}`;

/** Fails when the attribute is explicitly `value`; absent means the provider default, which is safe. */
export function mustNotBe(path: string, value: unknown, why?: string) {
  return (c: SynthesizedConfig) =>
    read(c, path) === value ? finding(path, value, why) : undefined;
}

/** Fails unless the attribute is `value` (absent fails: the provider default is unsafe). */
export function mustBe(path: string, value: unknown, why?: string) {
  return (c: SynthesizedConfig) => {
    const actual = read(c, path);
    return actual === UNKNOWN || actual === value ? undefined : finding(path, actual, why);
  };
}
