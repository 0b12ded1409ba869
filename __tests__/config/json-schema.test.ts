import * as fs from "fs";
import * as path from "path";
import { environmentFileJsonSchema, environmentFileJsonSchemaText } from "../../config/json-schema";

describe("environments.schema.json", () => {
  test("is up to date with the zod schema (run `npm run schema` after changing it)", () => {
    const committed = fs.readFileSync(
      path.join(__dirname, "../../config/environments.schema.json"),
      "utf8",
    );
    expect(committed).toBe(environmentFileJsonSchemaText());
  });

  test("is strict and documents defaults, so editors complete and flag keys", () => {
    const schema = environmentFileJsonSchema() as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    const env = schema.properties.environments.items;
    expect(env.required).toEqual(["name"]);
    expect(env.additionalProperties).toBe(false);
    expect(env.properties.mode.enum).toEqual(["managed", "oss", "cloud-service-mesh"]);
    expect(env.properties.cluster.properties.releaseChannel.description).toMatch(
      /@default REGULAR/,
    );
  });
});
