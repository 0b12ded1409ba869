import { spawnSync } from "child_process";
import { z } from "zod";
import { environmentSchema } from "./schema";
import { meshesSchema } from "./mesh-schema";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** The table of every environment-file key in docs/configuration.md, built from the schema so the two never drift. */
export function configReferenceMarkdown(): string {
  const env = z.toJSONSchema(environmentSchema, { io: "input", unrepresentable: "any" }) as Json;
  const rows: string[] = ["| key | allowed | default | meaning |", "| --- | --- | --- | --- |"];
  const walk = (schema: Json, prefix: string) => {
    for (const [key, raw] of Object.entries<Json>(schema.properties ?? {})) {
      const p = `${prefix}${key}`;
      const item = raw.type === "array" ? raw.items : raw;
      const description: string = raw.description ?? item?.description ?? "";
      const [meaning, def] = ` ${description}`
        .split(" @default ")
        .map((t) => t.trim().replace(/^- /, ""));
      rows.push(
        `| \`${p}\` | ${allowed(raw)} | ${def ? def.replace(/\|/g, "\\|") : schema.required?.includes(key) ? "required" : "-"} | ${meaning.replace(/\|/g, "\\|")} |`,
      );
      if (item?.type === "object" && item.properties)
        walk(item, raw.type === "array" ? `${p}[].` : `${p}.`);
      for (const variant of item?.oneOf ?? item?.anyOf ?? []) {
        if (variant.properties)
          walk(
            {
              ...variant,
              properties: Object.fromEntries(
                Object.entries<Json>(variant.properties).filter(([k]) => k !== "type"),
              ),
            },
            raw.type === "array" ? `${p}[].` : `${p}.`,
          );
      }
    }
  };
  walk(env, "");
  // The top-level `meshes` key, after every environment key.
  walk(
    z.toJSONSchema(z.object({ meshes: meshesSchema }), { io: "input", unrepresentable: "any" }),
    "",
  );
  return rows.join("\n");
}

function allowed(schema: Json): string {
  if (schema.enum) return schema.enum.map((v: string) => `\`${v}\``).join(", ");
  if (schema.const !== undefined) return `\`${schema.const}\``;
  if (schema.oneOf || schema.anyOf)
    return (schema.oneOf ?? schema.anyOf)
      .map((v: Json) =>
        v.properties?.type?.const !== undefined ? `\`${v.properties.type.const}\`` : allowed(v),
      )
      .join(" or ");
  if (schema.type === "array") return `list of ${allowed(schema.items)}`;
  if (schema.type === "object")
    return schema.properties || schema.additionalProperties?.type !== "string"
      ? "mapping"
      : "map of strings";
  return schema.type ?? "any";
}

/** Replaces the text between `<!-- name:start -->` and `<!-- name:end -->`. */
export function replaceBetweenMarkers(text: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`markers ${start} ... ${end} not found`);
  return `${text.slice(0, i + start.length)}\n${content}\n${text.slice(j)}`;
}

/** The project file that carries the key table. */
export const CONFIG_REFERENCE_DOC = "docs/configuration.md";

/**
 * That file with its key table regenerated, formatted as Prettier would (a dev tool: docs script
 * and tests only). `format` replaces the Prettier run (the tests remember its output by content).
 */
export function docWithReference(
  doc: string,
  format: (text: string, file: string) => string = prettierFormat,
): string {
  return format(
    replaceBetweenMarkers(doc, "config-reference", configReferenceMarkdown()),
    CONFIG_REFERENCE_DOC,
  );
}

/** `text` as Prettier formats it for `file` (`prettier --stdin-filepath`, settings read from the working folder). */
export function prettierFormat(text: string, file: string): string {
  const prettier = spawnSync(
    process.execPath,
    [require.resolve("prettier/bin/prettier.cjs"), "--stdin-filepath", file],
    {
      input: text,
      encoding: "utf8",
    },
  );
  if (prettier.status !== 0) throw new Error(`prettier failed: ${prettier.stderr}`);
  return prettier.stdout;
}
