import { GCP_REGIONS } from "../../facts/gcp-locations";
import { ISTIO_KUBERNETES_WINDOWS } from "../../facts/istio-kubernetes";
import { GKE_RELEASE_CHANNELS } from "../../facts/gke-release-channels";
import { GATEWAY_API_KINDS, ISTIO_GATEWAY_API_MINIMUMS } from "../../facts/gateway-api";
import { REGION } from "../../config/schema-primitives";
import { CLOUD_SERVICE_MESH_FACTS, CROSS_CLUSTER_PROTOCOLS } from "../../facts/cloud-service-mesh";

const minor = (v: string) => Number(v.split(".")[1]);

describe("the upstream tables hold together", () => {
  test("GCP regions: well formed, sorted, unique, each with its zone letters", () => {
    const names = GCP_REGIONS.map((r) => r.region);
    expect(names.length).toBeGreaterThanOrEqual(40);
    expect(names.every((n) => REGION.test(n))).toBe(true);
    // In natural order: europe-west9 before europe-west10.
    expect([...names].sort((a, b) => a.localeCompare(b, "en", { numeric: true }))).toEqual(names);
    expect(new Set(names).size).toBe(names.length);
    for (const { zones } of GCP_REGIONS) {
      expect(zones.length).toBeGreaterThanOrEqual(3);
      expect(zones.every((z) => /^[a-z]$/.test(z))).toBe(true);
    }
  });

  test("the issue's cases: europe-west1 is b, c, d; europe-west5 does not exist", () => {
    expect(GCP_REGIONS.find((r) => r.region === "europe-west1")?.zones).toEqual(["b", "c", "d"]);
    expect(GCP_REGIONS.find((r) => r.region === "europe-west5")).toBeUndefined();
  });

  test("Istio's Kubernetes windows: every minor from 1.12 to 1.31, each a real range", () => {
    expect(ISTIO_KUBERNETES_WINDOWS.map((w) => minor(w.istio))).toEqual(
      Array.from({ length: 20 }, (_, i) => 12 + i),
    );
    for (const w of ISTIO_KUBERNETES_WINDOWS) {
      expect(minor(w.oldest)).toBeLessThanOrEqual(minor(w.newest));
      expect(w.source).toMatch(/read 2026-12-02/);
    }
    // Windows never move backwards from one minor to the next.
    ISTIO_KUBERNETES_WINDOWS.slice(1).forEach((w, i) => {
      expect(minor(w.oldest)).toBeGreaterThanOrEqual(minor(ISTIO_KUBERNETES_WINDOWS[i].oldest));
    });
  });

  test("GKE channels: each of the schema's channels, the default inside the channel's range", () => {
    expect(GKE_RELEASE_CHANNELS.map((c) => c.channel).sort()).toEqual([
      "EXTENDED",
      "RAPID",
      "REGULAR",
      "STABLE",
      "UNSPECIFIED",
    ]);
    for (const c of GKE_RELEASE_CHANNELS) {
      const m = minor(c.defaultVersion);
      expect(m).toBeGreaterThanOrEqual(minor(c.oldest));
      expect(m).toBeLessThanOrEqual(minor(c.newest));
    }
  });

  test("Gateway API: every kind an Istio minimum names is in the kind table, at that bundle", () => {
    const since = new Map(GATEWAY_API_KINDS.map((k) => [k.kind, k.standardSince]));
    const named = ISTIO_GATEWAY_API_MINIMUMS.flatMap((m) => Object.entries(m.minimumBundle));
    expect(named.length).toBeGreaterThan(0);
    for (const [kind, bundle] of named) expect(since.get(kind)).toBe(bundle);
  });

  test("Cloud Service Mesh facts: each from a Google page, read 2026-12-02; the firewall's protocols", () => {
    expect(CLOUD_SERVICE_MESH_FACTS.length).toBeGreaterThanOrEqual(5);
    for (const f of CLOUD_SERVICE_MESH_FACTS) {
      expect(f.source).toMatch(/^https:\/\/(docs\.)?cloud\.google\.com\/service-mesh\//);
      expect(f.read).toBe("2026-12-02");
    }
    expect(CROSS_CLUSTER_PROTOCOLS).toEqual(["tcp", "udp", "icmp", "esp", "ah", "sctp"]);
  });
});
