/**
 * Which value of each Istio chart names the registry its images come from: the project sets it on
 * every release (docker.io/istio or a mirror), never leaving a chart on its own default hub.
 */
import { stringify as stringifyYaml } from "yaml";

/**
 * Where each chart takes its image registry, by chart name: `global.hub` (istiod and istio-cni read
 * `hub` first, and it is unset; the legacy charts read only `global.hub`), or ztunnel's own `hub`.
 * The gateway chart has none: its image is `auto`, filled in by istiod's injection from istiod's
 * `global.hub`. The base chart renders no image.
 */
const HUB_VALUE: Readonly<Record<string, (hub: string) => Record<string, unknown>>> = {
  istiod: (hub) => ({ global: { hub } }),
  cni: (hub) => ({ global: { hub } }),
  ztunnel: (hub) => ({ hub }),
  istio: (hub) => ({ global: { hub } }),
  "istio-init": (hub) => ({ global: { hub } }),
};

/**
 * The image registry as a chart's last values document, so that nothing merged before it (our
 * settings, the user's istio.values) can leave an image on another registry. Undefined for charts
 * that render no image of their own.
 */
export function hubValues(chart: string, hub: string): string | undefined {
  const values = HUB_VALUE[chart];
  return values ? stringifyYaml(values(hub)) : undefined;
}
