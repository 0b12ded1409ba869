import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { validateWithTerraform } from "./terraform-validate";

// The validation cache remembers clean results only: an invalid stack is validated every time.
describe("validateWithTerraform's cache", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tfvalidate-cache-"));
  const saved = process.env.GKE_ISTIO_TFVALIDATE_CACHE;
  beforeAll(() => (process.env.GKE_ISTIO_TFVALIDATE_CACHE = dir));
  afterAll(() => {
    process.env.GKE_ISTIO_TFVALIDATE_CACHE = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const network = (extra: Record<string, unknown>) => ({
    terraform: { required_providers: { google: { source: "google", version: "6.50.0" } } },
    provider: { google: [{ project: "p" }] },
    resource: { google_compute_network: { net: { name: "net", ...extra } } },
  });

  test("keeps the valid stack only", () => {
    const stacks = { good: network({}), bad: network({ no_such_attribute: 1 }) };
    const first = validateWithTerraform(stacks);
    if (first.skipped !== undefined)
      return console.warn(`terraform validate skipped: ${first.skipped}`);
    expect(first.results.good).toEqual({ ok: true, diagnostics: [] });
    expect(first.results.bad.ok).toBe(false);
    expect(fs.readdirSync(dir)).toHaveLength(1);
    const again = validateWithTerraform({ good: stacks.good });
    expect(again.results).toEqual({ good: { ok: true, diagnostics: [] } });
    expect(fs.readdirSync(dir)).toHaveLength(1);
  }, 300_000);
});
