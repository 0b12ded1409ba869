import * as fc from "fast-check";
import { jsonSyntaxError, oneLine, parseText } from "../../config/parse-text";

// Every input here is one whose parser message spans lines or names no position: V8 quotes the
// file (newlines included) in "Unexpected token" messages; yaml adds an excerpt when prettyErrors
// is on and warns on stderr. Each is pinned to the exact line the app prints.
const JSON_CASES: [string, string][] = [
  ['{\n  "a": x\n}', 'unexpected "x" at line 2, column 8'],
  ['{\n "environments": [\n  {"name": "a"},\n  ]\n}', 'unexpected "]" at line 4, column 3'],
  ["[1,2,\n\n3,]", 'unexpected "]" at line 3, column 3'],
  ["{", "unexpected end of file at line 1, column 2"],
  ["", "unexpected end of file at line 1, column 1"],
  ['{"a":1}\n{', 'unexpected "{" at line 2, column 1'],
  ['{"a": "b\nc"}', 'unexpected "\\n" at line 1, column 9'],
  ['{"a" 1}', 'unexpected "1" at line 1, column 6'],
  ['{"a": tru}', 'unexpected "}" at line 1, column 10'],
  ['"\\u12g4"', 'unexpected "g" at line 1, column 6'],
  ['"\\x"', 'unexpected "x" at line 1, column 3'],
  ["01", 'unexpected "1" at line 1, column 2'],
  ["-", 'unexpected "-" at line 1, column 1'],
  ['{"a":1,}', 'unexpected "}" at line 1, column 8'],
  ["\uFEFF{}", "unexpected U+FEFF at line 1, column 1"],
];

const YAML_CASES: [string, string][] = [
  [
    "environments: [\n",
    "Flow sequence in block collection must be sufficiently indented and end with a ] at line 2, column 1",
  ],
  ["a: 1\na: 2\n", "Map keys must be unique at line 2, column 1"],
  ["a:\n  b: 1\n c: 2\n", "All mapping items must start at the same column at line 3, column 1"],
  ["a: 'x\n", "Missing closing 'quote at line 2, column 1"],
  ["- a\nb: 1\n", "Unexpected scalar at node end at line 2, column 1"],
  ["\tfoo: 1\n", "Tabs are not allowed as indentation at line 1, column 1"],
  ["a: !foo bar\n", "Unresolved tag: !foo at line 1, column 4"],
  ["a: *x\n", "Unresolved alias (the anchor must be set before the alias): x"],
];

describe("parseText", () => {
  test.each(JSON_CASES)("JSON %j: %s", (text, line) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(parseText(text, "JSON")).toEqual({ problem: `not valid JSON: ${line}` });
  });

  test.each(YAML_CASES)("YAML %j: %s", (text, line) => {
    expect(parseText(text, "YAML")).toEqual({ problem: `not valid YAML: ${line}` });
  });

  test("a message the scanner and yaml's plain errors do not cover is still one line", () => {
    // The fallback for what neither path words itself: a parser's excerpt across lines, or not an Error.
    expect(oneLine(new Error("Unexpected token\n  a: x\n     ^\n\nat 2:8"))).toBe(
      "Unexpected token a: x ^ at 2:8",
    );
    expect(oneLine("plain\r\nstring ")).toBe("plain string");
  });

  test("V8's own messages for several of these inputs span lines", () => {
    const multiLine = JSON_CASES.filter(([text]) =>
      /\n/.test(String(thrown(() => JSON.parse(text)))),
    );
    expect(multiLine.length).toBeGreaterThan(2);
  });

  test("valid text parses as the parsers do; yaml's stderr warning for a list key stays silent", () => {
    const warn = jest.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    try {
      expect(parseText('{"a": [1, {"b": null}], "c": -1.5e+3, "d": "\\u00e9"}', "JSON")).toEqual({
        data: { a: [1, { b: null }], c: -1500, d: "é" },
      });
      expect(parseText("a: [1, x]\n", "YAML")).toEqual({ data: { a: [1, "x"] } });
      expect(parseText("? [a]\n: 1\n", "YAML")).toEqual({ data: { "[ a ]": 1 } });
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  test("the JSON scanner refuses exactly what JSON.parse refuses", () => {
    const PROBLEM = /^unexpected (".+"|U\+[0-9A-F]{4}|end of file) at line \d+, column \d+$/;
    const edit = fc
      .tuple(fc.json(), fc.nat(), fc.string({ maxLength: 2 }))
      .map(
        ([json, at, s]) =>
          json.slice(0, at % (json.length + 1)) + s + json.slice(at % (json.length + 1)),
      );
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string(), edit), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        // Plain checks, not expect: 2,000 runs of expect's machinery cost a third of a second.
        // fast-check reports the shrunk text on `false`.
        const problem = jsonSyntaxError(text);
        if ((problem === undefined) !== valid) return false;
        return problem === undefined || PROBLEM.test(problem);
      }),
      { numRuns: 2000 },
    );
  });
});

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
}
