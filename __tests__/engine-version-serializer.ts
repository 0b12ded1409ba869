// Snapshots are written with the default engine, cdktf 0.21.0, whose version every stack's
// metadata carries. Under another engine (`npm run engine -- cdktn`) that stamp is the only change
// a snapshot sees (.ci/engine-cdktn.sh compares the whole stacks), so it is printed as written.
import type { NewPlugin } from "pretty-format";

type Stack = { "//": { metadata: { version: string } } };

/** Prints `running` in a stack's metadata as `written`; inert when they are equal. */
function forVersions(running: string, written: string): NewPlugin {
  return {
    test: (value: unknown) =>
      running !== written && (value as Stack | null)?.["//"]?.metadata?.version === running,
    serialize: (value: Stack, config, indentation, depth, refs, printer) =>
      printer(
        {
          ...value,
          "//": { ...value["//"], metadata: { ...value["//"].metadata, version: written } },
        },
        config,
        indentation,
        depth,
        refs,
      ),
  };
}

/* eslint-disable @typescript-eslint/no-require-imports */
export = Object.assign(
  forVersions(
    require("cdktf/package.json").version,
    require("../dev/engine").ENGINES.cdktf.dependencies.cdktf,
  ),
  { forVersions },
);
