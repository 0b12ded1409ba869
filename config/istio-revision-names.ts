import { z } from "zod";

/**
 * Names in the istio revisions contract (`istio.revisions[].name`, `istio.tags`, and every
 * reference to one). Each becomes part of Kubernetes object names and label values, so it must
 * be an RFC 1123 label (it may start with a digit: `1-30-5`), short enough for the longest name
 * the charts build from it.
 */
const RFC1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * The longest object name the istiod chart (1.29, 1.30) builds from a revision is the
 * ClusterRole `istiod-gateway-controller-<revision>-istio-system`: 39 characters around it.
 */
export const MAX_REVISION_NAME = 63 - "istiod-gateway-controller--istio-system".length;
/** A tag's longest object name is its Service `istiod-revision-tag-<tag>` (a DNS label, 63 at most). */
export const MAX_TAG_NAME = 63 - "istiod-revision-tag-".length;

/** The name Istio's docs give the revision of a version: dots become dashes. */
export const revisionNameOf = (version: string) => version.replace(/\./g, "-");

function nameSchema(what: string, max: number) {
  return z.string({ error: `must be a string (${what})` }).superRefine((name, ctx) => {
    const fail = (message: string) => ctx.addIssue({ code: "custom", message, input: name });
    if (name.includes(".")) {
      fail(
        `must be a DNS label (${what}), which has no '.'; write '${revisionNameOf(name)}' as Istio does`,
      );
    } else if (!RFC1123_LABEL.test(name)) {
      fail(
        `must be a DNS label (${what}): lower-case letters, digits and '-', starting and ending with a letter or digit`,
      );
    } else if (name.length > max) {
      fail(
        `must be at most ${max} characters (${what}), so the object names built from it fit in 63`,
      );
    }
  });
}

export const revisionName = nameSchema("revision names", MAX_REVISION_NAME);
export const tagName = nameSchema("tag names", MAX_TAG_NAME).superRefine((name, ctx) => {
  if (name === "default")
    ctx.addIssue({
      code: "custom",
      message: "the 'default' tag follows istio.defaultRevision; set that instead",
      input: name,
    });
});
/** Names a revision or a tag. */
export const revisionReference = nameSchema(
  "a revision or tag name",
  Math.max(MAX_REVISION_NAME, MAX_TAG_NAME),
);
