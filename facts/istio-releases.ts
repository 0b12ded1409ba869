/**
 * Istio releases as upstream publishes them: a dated, sourced table. The lowest layer of the
 * project: config/, constructs/, stacks/ and the commands read it; it imports nothing.
 *
 * Every row says where its facts come from and when they were read. `npm run upstream` compares
 * this table with the live chart repository and registry, and says when upstream has moved.
 */

/** One Istio minor release line. */
export interface IstioMinor {
  /** `1.31`. */
  readonly minor: string;
  /** The `.0` release date, YYYY-MM-DD. */
  readonly released: string;
  /** The end of support (six weeks after the second minor after it), YYYY-MM-DD; absent while unknown. */
  readonly endOfSupport?: string;
  /** Every patch Istio announced, oldest first (`1.31.0`, `1.31.1`, ...). */
  readonly patches: readonly string[];
  /** Where these facts come from, and when they were read. */
  readonly source: string;
}

/** Istio minors this tool knows, oldest first (filled in and sourced by issue 19's work). */
export const ISTIO_MINORS: readonly IstioMinor[] = [];
