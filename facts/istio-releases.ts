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

/** `1.30.0` ... `1.30.<last>`: Istio numbers its patches without gaps. */
const upTo = (minor: string, last: number): string[] =>
  Array.from({ length: last + 1 }, (_, patch) => `${minor}.${patch}`);

/** The policy that every end-of-support date below follows (or, where announced, states). */
const POLICY =
  "istio.io/latest/docs/releases/supported-releases (support until six weeks after the N+2 minor's release)";
/** For minors that ended before 2026: the support-status table of istio.io as endoflife.date records it. */
const HISTORY =
  "istio.io supported-releases table, as recorded by endoflife.date products/istio.md (release, end of life, last patch)";
const READ = "read 2026-12-02";

/**
 * Istio minors this tool knows, oldest first: the only ones synth accepts. A minor missing here is
 * refused; a patch missing from its row, or a minor past its end of support, is warned about.
 */
export const ISTIO_MINORS: readonly IstioMinor[] = [
  {
    minor: "1.3",
    released: "2019-09-12",
    endOfSupport: "2020-02-14",
    patches: upTo("1.3", 8),
    source: `istio.io news/releases/1.3.x (announcing-1.3 to announcing-1.3.8); news/support/announcing-1.3-eol-final, published 2020-02-14; ${READ}`,
  },
  {
    minor: "1.4",
    released: "2019-11-14",
    endOfSupport: "2020-06-05",
    patches: upTo("1.4", 10),
    source: `istio.io news/releases/1.4.x (1.4.0 to 1.4.10); news/support/announcing-1.4-eol-final, published 2020-06-05; ${READ}`,
  },
  {
    minor: "1.12",
    released: "2021-11-18",
    endOfSupport: "2022-07-12",
    patches: upTo("1.12", 9),
    source: `${HISTORY}; ${READ}`,
  },
  {
    minor: "1.13",
    released: "2022-02-11",
    endOfSupport: "2022-10-12",
    patches: upTo("1.13", 9),
    source: `${HISTORY}; ${READ}`,
  },
  {
    minor: "1.14",
    released: "2022-05-24",
    endOfSupport: "2022-12-27",
    patches: upTo("1.14", 6),
    source: `${HISTORY}; release date from istio.io data/compatibility/supportStatus.yml; ${READ}`,
  },
  {
    minor: "1.15",
    released: "2022-08-31",
    endOfSupport: "2023-04-04",
    patches: upTo("1.15", 7),
    source: `${HISTORY}; ${READ}`,
  },
  {
    minor: "1.16",
    released: "2022-11-15",
    endOfSupport: "2023-07-25",
    patches: upTo("1.16", 7),
    source: `${HISTORY}; ${READ}`,
  },
  {
    minor: "1.17",
    released: "2023-02-14",
    endOfSupport: "2023-10-27",
    patches: upTo("1.17", 8),
    source: `${HISTORY}; ${READ}`,
  },
  {
    minor: "1.18",
    released: "2023-06-07",
    endOfSupport: "2024-01-04",
    patches: upTo("1.18", 7),
    source: `${HISTORY}; ${READ}`,
  },
  {
    minor: "1.19",
    released: "2023-09-05",
    endOfSupport: "2024-04-24",
    patches: upTo("1.19", 10),
    source: `${HISTORY}; ${READ}`,
  },
  {
    minor: "1.20",
    released: "2023-11-14",
    endOfSupport: "2024-06-25",
    patches: upTo("1.20", 8),
    source: `${HISTORY}; ${READ}`,
  },
  {
    minor: "1.21",
    released: "2024-03-13",
    endOfSupport: "2024-09-27",
    patches: upTo("1.21", 6),
    source: `${HISTORY}; ${READ}`,
  },
  {
    minor: "1.22",
    released: "2024-05-13",
    endOfSupport: "2025-01-22",
    patches: upTo("1.22", 8),
    source: `${HISTORY}; ${READ}`,
  },
  {
    minor: "1.23",
    released: "2024-08-14",
    endOfSupport: "2025-04-16",
    patches: upTo("1.23", 6),
    source: `${HISTORY}; ${READ}`,
  },
  {
    minor: "1.24",
    released: "2024-11-07",
    endOfSupport: "2025-06-24",
    // 1.24.1 was tagged and its charts published, without a release note.
    patches: upTo("1.24", 6),
    source: `${HISTORY}; ${READ}`,
  },
  {
    minor: "1.25",
    released: "2025-03-03",
    endOfSupport: "2025-09-30",
    patches: upTo("1.25", 5),
    source: `${HISTORY}; ${READ}`,
  },
  {
    minor: "1.26",
    released: "2025-05-08",
    endOfSupport: "2025-12-22",
    patches: upTo("1.26", 8),
    source: `${HISTORY}; ${READ}`,
  },
  {
    minor: "1.27",
    released: "2025-08-11",
    endOfSupport: "2026-03-30",
    patches: upTo("1.27", 9),
    source: `${HISTORY} (1.27.7 by 2026-02-16); istio/istio tag 1.27.9 as listed in a third-party survey of Istio's release channels (2026-10-01); ${READ}`,
  },
  {
    minor: "1.28",
    released: "2025-11-05",
    endOfSupport: "2026-07-01",
    patches: upTo("1.28", 10),
    source: `istio.io news/support/announcing-1.28-eol-final, published 2026-07-01; istio/istio tags 1.28.0 to 1.28.10; ${READ}`,
  },
  {
    minor: "1.29",
    released: "2026-02-16",
    endOfSupport: "2026-10-12",
    patches: upTo("1.29", 8),
    source: `istio.io news/releases/1.29.x (announcing-1.29 to announcing-1.29.8; 1.29.7 on 2026-08-27, 1.29.8 on 2026-09-21); news/support/announcing-1.29-eol ("support for 1.29 will end on the 12th of October, 2026"); ${READ}`,
  },
  {
    minor: "1.30",
    released: "2026-05-18",
    // Six weeks after 1.32.0, which is not released yet.
    patches: upTo("1.30", 5),
    source: `istio.io news/releases/1.30.x: 1.30.0 2026-05-18, 1.30.1 2026-06-04, 1.30.2 2026-06-24, 1.30.3 2026-07-16, 1.30.4 2026-08-27, 1.30.5 2026-09-21; ${POLICY}; ${READ}`,
  },
  {
    minor: "1.31",
    released: "2026-08-31",
    // Six weeks after 1.33.0, which is not released yet.
    patches: upTo("1.31", 1),
    source: `istio.io news/releases/1.31.x: announcing-1.31 (published 2026-08-31), announcing-1.31.1 (published 2026-09-21), the newest 1.31 patch announcement found in istio/istio.io and istio.io's pages (no 1.31.2 found); ${POLICY}; ${READ}`,
  },
];
