import { unknownValueWarning, unknownValueWarnings } from "../../config/known-chart-values";

describe("unknownValueWarnings", () => {
  test("one warning per unknown top-level key, in the order given; known keys pass", () => {
    expect(
      unknownValueWarnings("istiod", "1.30.5", { pilott: {}, global: {}, meshConfig: {}, zz: 1 }),
    ).toEqual([
      unknownValueWarning("pilott", "istiod", "1.30"),
      unknownValueWarning("zz", "istiod", "1.30"),
    ]);
    expect(unknownValueWarning("k", "c", "1.2")).toBe(
      "istio.values key 'k' is neither declared nor read by chart c 1.2: Helm ignores it; check its spelling against the chart's values.yaml",
    );
  });

  test("the version's own minor when it is listed, else the nearest listed minor", () => {
    const minorNamed = (version: string) =>
      unknownValueWarnings("istiod", version, { nope: 1 })[0].replace(
        /.* by chart istiod (\S+):.*/,
        "$1",
      );
    expect(["1.29.0", "1.30.9", "1.31.0", "1.32.0", "1.28.2", "1.12.0"].map(minorNamed)).toEqual([
      "1.29",
      "1.30",
      "1.31",
      "1.31",
      "1.29",
      "1.29",
    ]);
    expect(unknownValueWarnings("istio", "1.3.3", { mixr: {} })).toEqual([
      unknownValueWarning("mixr", "istio", "1.3"),
    ]);
  });

  test("nothing to say for an unlisted chart, a version with no minor, or no values", () => {
    expect(unknownValueWarnings("kiali", "1.30.5", { nope: 1 })).toEqual([]);
    expect(unknownValueWarnings("istiod", "latest", { nope: 1 })).toEqual([]);
    expect(unknownValueWarnings("istiod", "1.30", { nope: 1 })).toEqual([]);
    expect(unknownValueWarnings("istiod", "1.30.5", undefined)).toEqual([]);
  });
});
