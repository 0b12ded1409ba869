// The house's map: each room (a folder, or a file at the root), who runs its files, and the rooms
// its files may import. Written down once: __tests__/dev/rooms.test.ts checks every import of the
// project against it (and that no two files import each other, through any chain), and
// docs/contributing.md opens with it (`npm run rooms` rewrites that table; the test keeps it equal).
import { prettierFormat } from "../config/reference";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

export interface Room {
  /** A folder (`config/`) or a file at the root (`main.ts`). */
  readonly path: string;
  /** Who runs its files, and when. */
  readonly runs: string;
  /** What goes here. */
  readonly holds: string;
  /** The rooms (or single files) its files may import, besides files of their own room. */
  readonly imports: readonly string[];
}

const LIBRARY = ["stacks/", "constructs/", "config/", "policy/", "facts/"] as const;

/** Lowest first: a room imports only rooms listed above it. */
export const ROOMS: readonly Room[] = [
  {
    path: "facts/",
    runs: "every synth (read by the layers above)",
    holds: "a new fact about the outside world: one dated, sourced table per kind",
    imports: [],
  },
  {
    path: "policy/",
    runs: "every synth",
    holds: "a new security rule (rules.ts) and its check",
    imports: ["facts/"],
  },
  {
    path: "config/",
    runs: "every synth",
    holds: "a new key (schema), a new rule across fields, the default environment file",
    imports: ["policy/", "facts/"],
  },
  {
    path: "constructs/",
    runs: "every synth",
    holds: "a new construct, one per file",
    imports: ["config/", "policy/", "facts/"],
  },
  {
    path: "stacks/",
    runs: "every synth",
    holds: "a new stack, or wiring of constructs into stacks",
    imports: ["constructs/", "config/", "policy/", "facts/"],
  },
  {
    path: "index.ts",
    runs: "a user's own app (the library's entry point)",
    holds: "re-exports only",
    imports: [...LIBRARY],
  },
  {
    path: "main.ts",
    runs: "every synth (the app)",
    holds: "nothing new: it reads the environment file and creates the stacks",
    imports: [...LIBRARY],
  },
  {
    path: "boot/",
    runs: "every synth, before the app (`node --require ./boot/register-ts.js`)",
    holds:
      "a loader or a patch of a dependency's behaviour, its header naming what it replaces and the version checked",
    imports: [],
  },
  {
    path: "upstream/",
    runs: "`npm run upstream` (online), never a synth",
    holds: "a new question asked of Istio's, GKE's or a registry's servers",
    imports: [...LIBRARY],
  },
  {
    path: "output/",
    runs: "the commands, after or beside a synth",
    holds:
      "what a command makes of the app's output: generated/ index, HCL, replacement report, diagrams",
    imports: [...LIBRARY],
  },
  {
    path: "commands/",
    runs: "a person typing `npm run` synth, generated, graph, schema, policy, chart-keys, fuzz or upstream",
    holds: "a new command: a thin file that parses its input and prints, over a library room",
    // `npm run fuzz` is the property test at any size: its generator is test machinery.
    imports: ["main.ts", "output/", "upstream/", ...LIBRARY, "__tests__/fuzz-environments.ts"],
  },
  {
    path: "dev/",
    runs: "the team: `npm test`, bench, build, engine, mutation, rooms",
    holds: "a new tool of the team's",
    imports: ["boot/", "commands/", "output/", "upstream/", "main.ts", "index.ts", ...LIBRARY],
  },
  {
    path: "__tests__/",
    runs: "jest (`npm test`)",
    holds: "the tests, mirroring the rooms above, and their machinery",
    imports: [
      "dev/",
      "boot/",
      "commands/",
      "output/",
      "upstream/",
      "main.ts",
      "index.ts",
      ...LIBRARY,
    ],
  },
  {
    path: ".ci/",
    runs: "CI (.ci/run)",
    holds: "a new CI step",
    imports: [],
  },
  {
    path: "jest.config.js",
    runs: "jest",
    holds: "jest's configuration",
    imports: [],
  },
  {
    path: "jest.mutation.config.js",
    runs: "`npm run mutation`",
    holds: "the mutation run's jest configuration",
    imports: ["jest.config.js"],
  },
  {
    path: "eslint.config.mjs",
    runs: "`npm test` (ESLint)",
    holds: "ESLint's configuration",
    imports: [],
  },
];

/** Folders never scanned: installed, generated or ignored by git. */
const SKIPPED = new Set([
  "node_modules",
  ".git",
  "dist",
  "cdktf.out",
  "generated",
  ".gen",
  "coverage",
  "reports",
  ".stryker-tmp",
]);
const CODE = /\.(ts|js|mjs|cjs)$/;

/** Every code file under `root`, relative, with `/` separators, sorted. */
export function codeFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIPPED.has(e.name) && !e.name.startsWith("cdktf.out.")) walk(child);
      } else if (CODE.test(e.name) && !e.name.endsWith(".d.ts")) files.push(child);
    }
  };
  walk("");
  return files.sort();
}

/** The room a file is in, by the longest matching path. */
export function roomOf(file: string, rooms: readonly Room[] = ROOMS): Room | undefined {
  return rooms
    .filter((r) => (r.path.endsWith("/") ? file.startsWith(r.path) : file === r.path))
    .sort((a, b) => b.path.length - a.path.length)[0];
}

const EXTENSIONS = ["", ".ts", ".js", ".mjs", ".cjs", ".json", "/index.ts", "/index.js"];

/**
 * The project files `file` imports: `import`, `export ... from`, `require(...)` and `import(...)`
 * with a relative specifier, as TypeScript's own scanner reads them, resolved to files.
 */
export function importsOf(root: string, file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), "utf8");
  const found = new Set<string>();
  for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
    if (!fileName.startsWith(".")) continue; // a package
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), fileName));
    const target = EXTENSIONS.map((e) => base + e).find((f) => {
      const abs = path.join(root, f);
      return fs.existsSync(abs) && fs.statSync(abs).isFile();
    });
    if (target && CODE.test(target)) found.add(target);
  }
  return [...found].sort();
}

/** One line per problem: a file in no room, an import against the table, a cycle of imports. */
export function importProblems(
  root: string,
  files: readonly string[] = codeFiles(root),
  rooms: readonly Room[] = ROOMS,
): string[] {
  const problems: string[] = [];
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const room = roomOf(file, rooms);
    const targets = importsOf(root, file);
    graph.set(file, targets);
    if (!room) {
      problems.push(`${file}: in no room of dev/rooms.ts (add its folder to ROOMS)`);
      continue;
    }
    for (const target of targets) {
      const to = roomOf(target, rooms);
      if (to === room) continue;
      const allowed = room.imports.some((p) =>
        p.endsWith("/") ? target.startsWith(p) : target === p,
      );
      if (!allowed) {
        problems.push(
          `${file} imports ${target}: ${room.path} may import ${room.imports.join(", ") || "nothing of the project"}`,
        );
      }
    }
  }
  for (const cycle of importCycles(graph)) {
    problems.push(`files that import each other (a cycle): ${cycle.join(", ")}`);
  }
  return problems;
}

/** Every set of files that import each other (through any chain), each as one cycle's files. */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  // Tarjan's strongly connected components; a component of two or more files (or a file that
  // imports itself) is a cycle.
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return cycles;
}

/** A room's imports in words: the five library layers read as "`stacks/` and below". */
function importsText(imports: readonly string[]): string {
  if (imports.length === 0) return "nothing of the project";
  const all = LIBRARY.every((l) => imports.includes(l));
  const named = imports.filter((i) => !all || !(LIBRARY as readonly string[]).includes(i));
  const words = named.map((i) => `\`${i}\``);
  if (all) words.push("`stacks/` and below");
  return words.join(", ");
}

/** The map at the top of docs/contributing.md. */
export function roomsMarkdown(rooms: readonly Room[] = ROOMS): string {
  const rows = rooms.map(
    (r) => `| \`${r.path}\` | ${r.runs} | ${r.holds} | ${importsText(r.imports)} |`,
  );
  return [
    "| room | runs when | a new ... goes here | may import |",
    "| --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

/** docs/contributing.md, relative to the project. */
export const ROOMS_DOC = "docs/contributing.md";

/**
 * docs/contributing.md's text with the map between its `rooms` markers regenerated, as Prettier
 * formats it. `format` replaces the Prettier run (the tests remember its output by content).
 */
export function docWithRooms(
  doc: string,
  format: (text: string, file: string) => string = prettierFormat,
): string {
  const start = "<!-- rooms:start -->";
  const end = "<!-- rooms:end -->";
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  if (i < 0 || j < i) throw new Error(`${ROOMS_DOC}: markers ${start} ... ${end} not found`);
  const text = `${doc.slice(0, i + start.length)}\n\n${roomsMarkdown()}\n\n${doc.slice(j)}`;
  return format(text, ROOMS_DOC);
}

// `npm run rooms`: the import check, then the map in docs/contributing.md rewritten from ROOMS.
if (require.main === module) {
  const root = path.resolve(__dirname, "..");
  const problems = importProblems(root);
  for (const p of problems) console.error(p);
  const file = path.join(root, ROOMS_DOC);
  const doc = fs.readFileSync(file, "utf8");
  const next = docWithRooms(doc);
  if (next !== doc) fs.writeFileSync(file, next);
  console.log(`${ROOMS_DOC}: ${next === doc ? "the map is up to date" : "map rewritten"}`);
  if (problems.length > 0) process.exit(1);
}
