// The files of the tests' content-keyed caches (app and command runs, Helm, the Mermaid and
// workflow parsers): written whole, read back or not at all.
import * as fs from "fs";
import * as path from "path";

/** Writes `text` beside `file`, then renames it into place: a concurrent reader never sees half a file. */
export function writeWhole(file: string, text: string | Buffer): void {
  const beside = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(beside, text);
  fs.renameSync(beside, file);
}

/** writeWhole into a cache folder, made if missing; a cache that cannot be written only costs speed. */
export function remember(file: string, text: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeWhole(file, text);
  } catch {
    // read-only or full: the next run computes again
  }
}

/** A cache file's text, or undefined when it is not there (or cannot be read). */
export function recall(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}
