import { parseDocument } from "yaml";

/** The text of an environment file, parsed; or why it is not valid, in one line. */
export type ParsedText = { readonly data: unknown } | { readonly problem: string };

/**
 * Parses YAML or JSON text. A syntax error becomes one line that says where it is
 * ("at line 2, column 8"): the parsers' own messages may quote the file across several lines
 * (V8's JSON.parse) or warn on stderr (yaml's warnings), and neither belongs in the app's
 * one-line-per-problem output.
 */
export function parseText(text: string, format: "JSON" | "YAML"): ParsedText {
  if (format === "JSON") {
    try {
      return { data: JSON.parse(text) };
    } catch (e) {
      return { problem: `not valid JSON: ${jsonSyntaxError(text) ?? oneLine(e)}` };
    }
  }
  const doc = parseDocument(text, { prettyErrors: false, logLevel: "error" });
  // The first error only, as yaml's own parse() throws: later ones are mostly its echoes.
  // A warning (an unknown tag, a key that is a list) means the file does not say what it seems to.
  const [first] = [...doc.errors, ...doc.warnings];
  if (first) return { problem: `not valid YAML: ${oneLine(first)}${at(text, first.pos[0])}` };
  try {
    return { data: doc.toJS() };
  } catch (e) {
    // An alias with no anchor, or an alias bomb: no position is known.
    return { problem: `not valid YAML: ${oneLine(e)}` };
  }
}

/**
 * Where and why JSON.parse refuses `text` (undefined if it does not), from a scanner of our own:
 * V8 names a position only for some errors, and its wording changes between Node versions.
 */
export function jsonSyntaxError(text: string): string | undefined {
  let i = 0;
  const stop = new Error();
  const fail = (): never => {
    throw stop;
  };
  const space = () => {
    while (" \t\n\r".includes(text[i] ?? "x")) i++;
  };
  const char = (c: string) => (text[i] === c ? i++ : fail());
  const string = () => {
    char('"');
    for (let c = text[i]; c !== '"'; c = text[i]) {
      if (c === undefined || c < " ") fail();
      i++;
      if (c !== "\\") continue;
      const escape = text[i] ?? "";
      if (escape === "u") {
        for (const end = ++i + 4; i < end; i++) if (!/[0-9a-fA-F]/.test(text[i] ?? "")) fail();
      } else if (escape !== "" && '"\\/bfnrt'.includes(escape)) i++;
      else fail();
    }
    i++;
  };
  const value = (): void => {
    space();
    const open = text[i];
    if (open === "{" || open === "[") {
      const close = open === "{" ? "}" : "]";
      i++;
      space();
      if (text[i] === close) return void i++;
      for (;;) {
        if (open === "{") {
          space();
          string();
          space();
          char(":");
        }
        value();
        space();
        if (text[i] !== ",") return void char(close);
        i++;
      }
    }
    if (open === '"') return string();
    const word = ["true", "false", "null"].find((w) => w[0] === open);
    if (word) return void [...word].forEach(char);
    const number = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    number.lastIndex = i;
    if (!number.test(text)) fail();
    i = number.lastIndex;
  };
  try {
    value();
    space();
    if (i < text.length) fail();
    return undefined;
  } catch (e) {
    if (e !== stop) throw e;
    const what = i >= text.length ? "end of file" : show(text.charCodeAt(i));
    return `unexpected ${what}${at(text, i)}`;
  }
}

/** " at line L, column C" (both from 1) of a character offset. */
function at(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return ` at line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/** A character as JSON would write it, or U+XXXX beyond ASCII (a byte order mark, a non-breaking space). */
function show(code: number): string {
  if (code < 0x7f) return JSON.stringify(String.fromCharCode(code));
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** A message that may span lines (a parser's excerpt of the file), as one line. */
export function oneLine(e: unknown): string {
  return String(e instanceof Error ? e.message : e)
    .replace(/\s*\n\s*/g, " ")
    .trim();
}
