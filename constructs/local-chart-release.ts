import { AssetType, TerraformAsset } from "cdktf";
import { Construct } from "constructs";
import { Release, ReleaseConfig } from "@cdktf/provider-helm/lib/release";

/**
 * The fields of a local chart's helm_release its construct chooses; `localChartRelease` sets the
 * chart (the asset's path) and the reliability fields itself.
 */
export type LocalChartReleaseConfig = Omit<
  ReleaseConfig,
  "chart" | "repository" | "version" | "atomic" | "cleanupOnFail" | "maxHistory"
>;

/**
 * A chart folder of this repository (charts/<name>) installed by one helm_release: the folder as a
 * `TerraformAsset` (a directory, copied to `assets/<id>/<content hash>`, so the path is
 * deterministic and needs no network), and the release of it with the settings every release of
 * this project carries: `atomic` (a failed install or upgrade rolls back), `cleanupOnFail`,
 * `maxHistory` 10, and `timeout` 300 s unless `release.timeout` says otherwise. The ids default to
 * "Chart" and "Resource"; they are part of the synthesized addresses and asset paths, so a
 * construct that moves to this function keeps the ids it had.
 */
export function localChartRelease(
  scope: Construct,
  chartDir: string,
  release: LocalChartReleaseConfig,
  ids: { readonly chart?: string; readonly release?: string } = {},
): Release {
  const chart = new TerraformAsset(scope, ids.chart ?? "Chart", {
    path: chartDir,
    type: AssetType.DIRECTORY,
  });
  return new Release(scope, ids.release ?? "Resource", {
    ...release,
    chart: chart.path,
    atomic: true,
    cleanupOnFail: true,
    maxHistory: 10,
    timeout: release.timeout ?? 300,
  });
}
