/**
 * The rows of a table-driven test for a list that drives a rule: one per entry of the list and
 * one per case written out in the test, so that both kinds of slip fail. A new entry without a
 * case fails ("no case"); a removed entry fails too, because its case still runs, finds the entry
 * gone, and (in the test body) finds its refusal or effect gone. Iterating the list alone would
 * miss the second: the removed entry's test would silently vanish with it.
 */
export function entryCases<C>(
  list: Iterable<string>,
  cases: Readonly<Record<string, C>>,
): [string, { readonly listed: boolean; readonly case: C | undefined }][] {
  const listed = new Set(list);
  const names = [...new Set([...listed, ...Object.keys(cases)])];
  return names.map((name) => [name, { listed: listed.has(name), case: cases[name] }]);
}

/** Asserts the row's entry is listed and has its case; returns the case. */
export function listedCase<C>(
  name: string,
  row: { readonly listed: boolean; readonly case: C | undefined },
): C {
  expect({ entry: name, listed: row.listed, hasCase: row.case !== undefined }).toEqual({
    entry: name,
    listed: true,
    hasCase: true,
  });
  return row.case as C;
}
