import { IConstruct } from "constructs";
import { formatFinding, PolicyAspect, PolicyFinding } from "./policy-aspect";

/** Every finding in the tree, waived or not, each judged with its own stack's waivers. */
export function findPolicyFindings(scope: IConstruct): PolicyFinding[] {
  return scope.node.findAll().flatMap((node) => PolicyAspect.nearest(node).findings(node));
}

/** The one-line messages of the unwaived findings. */
export function policyViolations(scope: IConstruct): string[] {
  return findPolicyFindings(scope)
    .filter((f) => !f.waiver)
    .map(formatFinding);
}

/**
 * Stops the process before anything is written when a rule is broken and not waived.
 * Needed because the cdktf CLI sets CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS, so the
 * aspect's error annotations alone would not stop `cdktf synth`.
 */
export function checkPolicy(scope: IConstruct): void {
  const violations = policyViolations(scope);
  if (violations.length === 0) return;
  process.stderr.write(`Policy check failed, nothing was synthesized:\n${violations.join("\n")}\n`);
  process.exit(1);
}
