import { Testing } from "cdktf";
import { parse as parseYaml } from "yaml";
import { MtlsPortExceptions, MtlsPortExceptionsProps } from "../../constructs/mtls-port-exceptions";
import { onlyResource } from "../fixtures";

const synth = (props: MtlsPortExceptionsProps) =>
  JSON.parse(
    Testing.synthScope((scope) => {
      new MtlsPortExceptions(scope, "Exceptions", props);
    }),
  );
const WEB = { namespace: "shop", selector: { app: "web" }, ports: [8080] };

describe("MtlsPortExceptions", () => {
  test("one release of the local chart, the exceptions as values, CRDs left to Istio", () => {
    const release = onlyResource(synth({ exceptions: [WEB] }), "helm_release");
    expect(release).toMatchObject({
      name: "istio-mtls-port-exceptions",
      namespace: "istio-system",
      skip_crds: true,
      atomic: true,
    });
    expect(release.chart).toMatch(/^assets\//);
    expect(parseYaml(release.values[0])).toEqual({ portExceptions: [WEB] });
  });

  test.each<[MtlsPortExceptionsProps, string]>([
    [{ exceptions: [] }, "'exceptions' must list at least one exception"],
    [
      { exceptions: [{ ...WEB, selector: {} }] },
      "'exceptions[0].selector' must name at least one label (port-level mTLS needs a selector), got {}",
    ],
    [
      { exceptions: [{ ...WEB, ports: [0] }] },
      "'exceptions[0].ports' must hold ports 1 to 65535, got 0",
    ],
  ])("refuses %j", (props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
