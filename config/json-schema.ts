import { z } from "zod";
import { defaultsSchema, environmentSchema } from "./schema";
import { meshesSchema } from "./mesh-schema";

/**
 * The JSON Schema of the environment file, for editors (the YAML header line
 * `# yaml-language-server: $schema=./environments.schema.json` picks it up).
 * Environments may leave out what `defaults` gives, so only `name` is required there;
 * the loader still checks every merged environment in full.
 */
export function environmentFileJsonSchema(): Record<string, unknown> {
  const file = z.strictObject({
    defaults: defaultsSchema
      .optional()
      .describe(
        "Settings merged under every environment (objects merge, lists and values are replaced).",
      ),
    environments: z
      .array(environmentSchema.partial().required({ name: true }))
      .min(1)
      .describe(
        "One entry per environment; each becomes the stacks '<name>-cluster' and '<name>-mesh'.",
      ),
    meshes: meshesSchema.optional(),
  });
  return {
    ...z.toJSONSchema(file, { io: "input", unrepresentable: "any" }),
    $id: "https://github.com/gke-istio-cdktf/gke-istio-cdktf/config/environments.schema.json",
    title: "gke-istio-cdktf environment file",
  };
}

export function environmentFileJsonSchemaText(): string {
  return `${JSON.stringify(environmentFileJsonSchema(), null, 2)}\n`;
}
