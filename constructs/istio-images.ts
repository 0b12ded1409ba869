/**
 * Which value of each Istio chart names the registry its images come from: the project sets it on
 * every release (docker.io/istio or a mirror), never leaving a chart on its own default hub.
 */

/**
 * Where each chart takes its image registry, by chart name: `global.hub` (istiod and istio-cni read
 * `hub` first, and it is unset; the legacy charts read only `global.hub`), or ztunnel's own `hub`.
 * The gateway chart has none: its image is `auto`, filled in by istiod's injection from istiod's
 * `global.hub`. The base chart renders no image, nor do the project's local charts (revision
 * tags, waypoint, mesh policy); istiod deploys waypoints from its own injection templates.
 */
const HUB_VALUE: Readonly<Record<string, (hub: string) => Record<string, unknown>>> = {
  istiod: (hub) => ({ global: { hub } }),
  cni: (hub) => ({ global: { hub } }),
  ztunnel: (hub) => ({ hub }),
  istio: (hub) => ({ global: { hub } }),
  "istio-init": (hub) => ({ global: { hub } }),
};

/**
 * Our own values of `chart` with its image registry set: one document, because a helm_release
 * whose `values` list holds several multi-line documents comes out of cdktf's HCL output as
 * invalid HCL (`EOF,` closing a heredoc). Charts that render no image get `values` unchanged.
 * The user's istio.values, a later document, may not name the registry (the schema refuses it).
 */
export function withHub(
  chart: string,
  hub: string,
  values: Record<string, unknown> = {},
): Record<string, unknown> {
  const registry = HUB_VALUE[chart]?.(hub);
  return registry ? merge(values, registry) : values;
}

/** Objects merge key by key; anything else in `over` replaces what is in `under`. */
function merge(
  under: Record<string, unknown>,
  over: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...under };
  for (const [key, value] of Object.entries(over)) {
    const base = out[key];
    const nested = (v: unknown): v is Record<string, unknown> =>
      typeof v === "object" && v !== null && !Array.isArray(v);
    out[key] = nested(base) && nested(value) ? merge(base, value) : value;
  }
  return out;
}
