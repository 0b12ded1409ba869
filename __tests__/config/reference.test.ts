import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { formatRemembered } from "../tools/prettier-format";
import {
  CONFIG_REFERENCE_DOC,
  configReferenceMarkdown,
  docWithReference,
  replaceBetweenMarkers,
} from "../../config/reference";

describe("the key table of docs/configuration.md", () => {
  test("matches the schema (run `npm run schema` after changing it)", () => {
    const doc = fs.readFileSync(path.join(__dirname, "../..", CONFIG_REFERENCE_DOC), "utf8");
    expect(doc).toBe(docWithReference(doc, formatRemembered));
  });

  test("lists every key with its default", () => {
    const table = configReferenceMarkdown();
    expect(table).toContain(
      "| `cluster.releaseChannel` | `RAPID`, `REGULAR`, `STABLE`, `EXTENDED`, `UNSPECIFIED` | REGULAR |",
    );
    expect(table).toContain("| `nodePools[].name` | string | required |");
    expect(table).toContain("| `backend` | `local` or `gcs` or `cloud` | { type: local } |");
  });

  test("a default starting '- ' is a description, shown without the dash; no default and optional is '-'", () => {
    const table = configReferenceMarkdown().split("\n");
    expect(table).toContain(
      "| `nodePools[].serviceAccount` | string | a least-privilege account created by the cluster stack | Node service account email. |",
    );
    expect(table).toContain("| `network` | mapping | - | The VPC the cluster runs in. |");
    expect(table).toContain(
      "| `cluster.labels` | map of strings | { managed-by: gke-istio-cdktf, environment: <name> } | Cluster resource_labels. |",
    );
  });
});

describe("replaceBetweenMarkers", () => {
  const start = "<!-- t:start -->";
  const end = "<!-- t:end -->";

  test("replaces what lies between the markers, keeping both, even at the very start", () => {
    expect(replaceBetweenMarkers(`${start}\nold\n${end}\nafter`, "t", "new")).toBe(
      `${start}\nnew\n${end}\nafter`,
    );
    expect(replaceBetweenMarkers(`before ${start}${end}`, "t", "x")).toBe(
      `before ${start}\nx\n${end}`,
    );
  });

  test.each([
    ["no start marker", `text ${end}`],
    ["no end marker", `${start} text`],
    ["the end before the start", `${end} text ${start}`],
    ["neither", "text"],
  ])("%s is an error naming both markers", (_, text) => {
    expect(() => replaceBetweenMarkers(text, "t", "x")).toThrow(
      new Error(`markers ${start} ... ${end} not found`),
    );
  });
});

describe("docWithReference", () => {
  test("a Prettier failure is an error with Prettier's own message", () => {
    // Prettier reads its configuration from the working directory: a broken one makes it fail.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reference-prettier-"));
    fs.writeFileSync(path.join(dir, ".prettierrc"), "{ not json");
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      let message = "";
      try {
        docWithReference("<!-- config-reference:start -->\n<!-- config-reference:end -->\n");
      } catch (e) {
        message = (e as Error).message;
      }
      // Without the colours Prettier adds when it thinks it writes to a terminal (as under Stryker).
      // eslint-disable-next-line no-control-regex
      expect(message.replace(/\x1b\[[0-9;]*m/g, "")).toMatch(
        /^prettier failed: \[error\] Invalid configuration for file ".*docs\/configuration\.md"/,
      );
    } finally {
      process.chdir(cwd);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
