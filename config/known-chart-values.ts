import chartKeys from "./chart-keys.json";

/**
 * The top-level values each Istio chart declares or reads, by chart and minor, derived from
 * the real charts by upstream/chart-keys.ts (a test keeps config/chart-keys.json honest).
 */
const KNOWN: Record<string, Record<string, string[]>> = chartKeys;

/** Printed at synth for each unknown top-level key of istio.values; tests pin it. */
export const unknownValueWarning = (key: string, chart: string, minor: string) =>
  `istio.values key '${key}' is neither declared nor read by chart ${chart} ${minor}: Helm ignores it; check its spelling against the chart's values.yaml`;

/**
 * Warnings for the top-level keys of `values` that `chart` at `version` neither declares nor
 * reads. A minor with no list is checked against the nearest listed one; an unlisted chart, not at all.
 */
export function unknownValueWarnings(
  chart: string,
  version: string,
  values: Record<string, unknown> | undefined,
): string[] {
  const byMinor = KNOWN[chart];
  const minor = /^(\d+)\.(\d+)\./.exec(version);
  if (!byMinor || !minor || !values) return [];
  const distance = (m: string) => Math.abs(Number(m.split(".")[1]) - Number(minor[2]));
  const listed = Object.keys(byMinor).sort((a, b) => distance(a) - distance(b));
  const known = new Set(byMinor[listed[0]]);
  return Object.keys(values)
    .filter((key) => !known.has(key))
    .map((key) => unknownValueWarning(key, chart, listed[0]));
}
