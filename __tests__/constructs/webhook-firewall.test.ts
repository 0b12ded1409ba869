import { Testing } from "cdktf";
import { GoogleComputeFirewall } from "@cdktf/provider-google-beta/lib/google-compute-firewall";
import { WebhookFirewall, WebhookFirewallProps } from "../../constructs/webhook-firewall";

const BASE: WebhookFirewallProps = {
  project: "test-project",
  network: "net",
  name: "c-istio-webhooks",
  sourceRanges: ["172.16.0.0/28"],
};

const synthFirewall = (props: Partial<WebhookFirewallProps> = {}) =>
  Testing.synthScope((scope) => {
    new WebhookFirewall(scope, "WebhookFirewall", { ...BASE, ...props });
  });

describe("WebhookFirewall", () => {
  test("opens tcp:15017 from the control plane's range", () => {
    expect(
      synthFirewall({ targetServiceAccounts: ["n@p.iam.gserviceaccount.com"] }),
    ).toHaveResourceWithProperties(GoogleComputeFirewall, {
      name: "c-istio-webhooks",
      network: "net",
      direction: "INGRESS",
      source_ranges: ["172.16.0.0/28"],
      target_service_accounts: ["n@p.iam.gserviceaccount.com"],
      allow: [{ protocol: "tcp", ports: ["15017"] }],
    });
  });

  test("refuses no source range and a bad port", () => {
    expect(() => synthFirewall({ sourceRanges: [] })).toThrow(
      "'sourceRanges' must list the control plane's range, got []",
    );
    expect(() => synthFirewall({ ports: ["70000"] })).toThrow(
      "'ports' must hold TCP ports 1 to 65535, got '70000'",
    );
  });

  test("ports are whole numbers 1 to 65535: the edges are accepted, one past is refused", () => {
    for (const port of ["0", "65536", "abc", "80a", "a80", "8.0", "000080"]) {
      expect(() => synthFirewall({ ports: [port] })).toThrow(
        `'ports' must hold TCP ports 1 to 65535, got '${port}'`,
      );
    }
    expect(synthFirewall({ ports: ["1", "65535"] })).toHaveResourceWithProperties(
      GoogleComputeFirewall,
      { allow: [{ protocol: "tcp", ports: ["1", "65535"] }] },
    );
  });
});
