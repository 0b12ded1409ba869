import { deepMerge, isPlainObject } from "../../config/deep-merge";

test("only a mapping is a plain object: not null, a list or a scalar", () => {
  expect([{}, { a: 1 }].map(isPlainObject)).toEqual([true, true]);
  expect([null, undefined, [], [1], "x", 1, true].map(isPlainObject)).toEqual(Array(7).fill(false));
});

test("a null or a list in `over` replaces a mapping, and a mapping replaces a null", () => {
  expect(deepMerge({ a: { b: 1 } }, { a: null })).toEqual({ a: null });
  expect(deepMerge({ a: { b: 1 } }, { a: [2] })).toEqual({ a: [2] });
  expect(deepMerge({ a: null }, { a: { b: 1 } })).toEqual({ a: { b: 1 } });
});
