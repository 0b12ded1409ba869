// The synth annotations (policy waivers, mode warnings, the revision picture) as the cdktf CLI
// prints them after a synth, read from the manifest the app wrote: `WARN [stack]: message`.
import * as fs from "fs";
import * as path from "path";

export interface ManifestAnnotation {
  readonly constructPath: string;
  readonly level: string;
  readonly message: string;
}

/** Every annotation of every stack in `outdir`/manifest.json, one line each. */
export function annotationLines(outdir: string): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8")) as {
    stacks: Record<string, { annotations?: ManifestAnnotation[] }>;
  };
  return Object.values(manifest.stacks).flatMap((stack) =>
    (stack.annotations ?? []).map(
      (a) => `${a.level.replace("@cdktf/", "").toUpperCase()} [${a.constructPath}]: ${a.message}`,
    ),
  );
}
