import { z } from "zod";

/** Building blocks shared by the environment file's schemas (`schema.ts`, `istio-schema.ts`). */

/** Levenshtein distance, for "did you mean" on unknown keys. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      const cost = a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1;
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return row[b.length];
}

/** The allowed name nearest to `value`, when it is near enough to be a typo. */
export function nearest(value: string, allowed: readonly string[]): string | undefined {
  return allowed
    .map((name) => ({ name, d: editDistance(value, name) }))
    .filter(({ name, d }) => d <= Math.max(2, Math.floor(name.length / 3)))
    .sort((x, y) => x.d - y.d)[0]?.name;
}

/** One line per unknown key, in the order of `keys`. */
export function unknownKeyMessage(keys: readonly string[], allowed: readonly string[]): string {
  return keys
    .map((key) => {
      const near = nearest(key, allowed);
      return `unknown key${near ? `, did you mean '${near}'?` : ";"} allowed keys are ${allowed.join(", ")}`;
    })
    .join("\n");
}

/** A strict object whose unknown-key error names the near miss and the allowed keys. */
export function strict<T extends z.ZodRawShape>(shape: T) {
  const allowed = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys" ? unknownKeyMessage(issue.keys, allowed) : undefined,
  });
}

export const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
export const REGION = /^[a-z]+-[a-z]+[0-9]+$/;
export const ZONE = /^[a-z]+-[a-z]+[0-9]+-[a-z]$/;
export const LABEL_KEY = /^[a-z][-_a-z0-9]{0,62}$/;
export const LABEL_VALUE = /^[-_a-z0-9]{0,63}$/;
export const CIDR =
  /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(3[0-2]|[12]?\d)$/;

export const dnsLabel = (what: string, max: number) =>
  z
    .string({ error: `must be a string (${what})` })
    .max(max, { error: `must be at most ${max} characters (${what})` })
    .regex(DNS_LABEL, {
      error: `must be a lower-case DNS label: a letter, then letters, digits or '-', not ending in '-' (${what})`,
    });
