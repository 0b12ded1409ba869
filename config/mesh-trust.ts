import { z } from "zod";

/**
 * `meshes[].trust`: where an oss mesh's shared root of trust comes from. A placeholder that
 * accepts any mapping until the oss members' work defines its keys.
 */
export const meshTrustSchema = z
  .record(z.string(), z.unknown())
  .describe("oss meshes: where the shared root of trust comes from.");

export type MeshTrustConfig = z.infer<typeof meshTrustSchema>;
