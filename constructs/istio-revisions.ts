import * as path from "path";
import { AssetType, ITerraformDependable, TerraformAsset, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { stringify as stringifyYaml } from "yaml";
import { Release } from "@cdktf/provider-helm/lib/release";
import { ISTIO_HUB } from "../facts/istio-hosting";
import { ControlPlaneAvailability, istiodAvailabilityValues } from "./control-plane-availability";
import { withHub } from "./istio-images";
import { MeshMembership, meshMemberValues } from "./mesh-member-values";
import { deepMerge } from "../config/deep-merge";

/** The chart in this repository that holds one revision tag (webhook and Service). */
export const REVISION_TAG_CHART_DIR = path.join(__dirname, "..", "charts", "istio-revision-tag");

/** The tag that also serves istio-injection=enabled namespaces and sidecar.istio.io/inject=true pods. */
export const DEFAULT_TAG = "default";

export interface IstioRevision {
  /** The revision name: release istiod-<name>, istio.io/rev=<name>. A DNS label. */
  readonly name: string;
  /** Exact istiod chart version (1.12.x and later). */
  readonly version: string;
  /** The running istiod without revision, kept as this revision (see IstioRevisionsProps.adopted). @default false */
  readonly adopt?: boolean;
}

export interface IstioRevisionsProps {
  /** One istiod release per revision. */
  readonly revisions: readonly IstioRevision[];
  /** Tag → revision name, one release each. Include `default` to serve istio-injection=enabled. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /** Extra istiod chart values, merged last into every revision's. @default {} */
  readonly values?: Record<string, unknown>;
  /** The chart repository of istiod. */
  readonly repository: string;
  /** The registry of istiod's and the injected proxies' images. @default ISTIO_HUB (docker.io/istio) */
  readonly hub?: string;
  /** Namespace of every release. @default "istio-system" */
  readonly namespace?: string;
  /** @default - the stack's helm provider */
  readonly provider?: TerraformProvider;
  /** What every istiod waits for: its namespace and the base chart (CRDs). @default [] */
  readonly dependsOn?: ITerraformDependable[];
  /** Replicas, PDB and spread of every istiod. @default - the charts' defaults (one replica) */
  readonly availability?: ControlPlaneAvailability;
  /**
   * The istiod installed without revision (release `istiod`), adopted as one more revision by
   * name: the gap-free way from one unrevisioned istiod to revisions. Its own webhooks serve
   * istio-injection=enabled and istio.io/rev=default, so only the `default` tag may point at
   * it, and no tag release is made for that. @default - none
   */
  readonly adopted?: IstioRevision & { readonly release: Release };
  /**
   * This cluster as a member of a multi-cluster mesh: every revision's istiod gets the same
   * `meshID`, `clusterName` and `network` (so every revision serves the same mesh).
   * @default - a mesh of one cluster
   */
  readonly meshMember?: MeshMembership;
}

const RELIABLE = { atomic: true, cleanupOnFail: true, maxHistory: 10 } as const;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Istio control planes side by side, for canary upgrades: one `istiod-<revision>` release of
 * the istiod chart per revision, each pinned to its own chart version, and one
 * `istio-tag-<tag>` release of the local chart charts/istio-revision-tag per revision tag.
 *
 * Why tags are releases of their own, not `revisionTags` of the istiod releases: moving a tag
 * from one istiod release to another would need the losing release to delete the tag's
 * webhook before the winning one creates it (Helm refuses to adopt an object another release
 * owns), and no order fixed at synth time suits both the move and its rollback; if the second
 * upgrade failed after the first, the tag would be gone and the namespaces labelled with it
 * would get pods without sidecars. Here a tag's objects always belong to the same release, and
 * moving the tag is one in-place `helm upgrade` of it, changing the revision its webhooks call:
 * atomic, and the same in both directions, so a rollback is one deploy too.
 *
 * Order, from the synthesized `depends_on` alone:
 * - every istiod depends on `dependsOn` (the base chart: CRDs first);
 * - every tag depends on the istiod it points at, so it is created or moved only once that
 *   istiod runs (`wait`), and a removed revision's istiod is destroyed only after the tags
 *   that depended on it moved away (Terraform destroys a dependency after updating its
 *   dependents).
 */
export class IstioRevisions extends Construct {
  /** Revision name → its istiod release. */
  readonly istiods = new Map<string, Release>();
  /** Tag → its release. */
  readonly tags = new Map<string, Release>();
  readonly revisions: readonly IstioRevision[];
  private readonly tagTargets: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: IstioRevisionsProps) {
    super(scope, id);
    if (props.revisions.length === 0 && !props.adopted)
      throw new Error("'revisions' must list at least one revision");
    this.revisions = props.adopted
      ? [
          { name: props.adopted.name, version: props.adopted.version, adopt: true },
          ...props.revisions,
        ]
      : props.revisions;
    if (props.adopted) this.istiods.set(props.adopted.name, props.adopted.release);
    this.tagTargets = props.tags ?? {};
    const namespace = props.namespace ?? "istio-system";
    const member = props.meshMember && meshMemberValues(props.meshMember);
    for (const revision of props.revisions) {
      if (!DNS_LABEL.test(revision.name)) {
        throw new Error(`'revisions' name '${revision.name}' must be a DNS label, such as 1-31-1`);
      }
      if (this.istiods.has(revision.name)) {
        throw new Error(`'revisions' lists revision '${revision.name}' twice`);
      }
      this.istiods.set(
        revision.name,
        new Release(this, `Istiod-${revision.name}`, {
          ...RELIABLE,
          provider: props.provider,
          name: `istiod-${revision.name}`,
          namespace,
          repository: props.repository,
          chart: "istiod",
          version: revision.version,
          values: [
            stringifyYaml(
              withHub("istiod", props.hub ?? ISTIO_HUB, {
                revision: revision.name,
                global: member
                  ? deepMerge({ platform: "gke" }, member.global as Record<string, unknown>)
                  : { platform: "gke" },
              }),
            ),
            ...availabilityDocument(props.availability, revision.name),
            ...(props.values && Object.keys(props.values).length > 0
              ? [stringifyYaml(props.values)]
              : []),
          ],
          timeout: 900,
          dependsOn: props.dependsOn,
        }),
      );
    }
    const tagEntries = Object.entries(this.tagTargets);
    if (tagEntries.length === 0) return;
    const chart = new TerraformAsset(this, "TagChart", {
      path: REVISION_TAG_CHART_DIR,
      type: AssetType.DIRECTORY,
    });
    for (const [tag, revision] of tagEntries) {
      const istiod = this.istiods.get(revision);
      if (!istiod) {
        throw new Error(
          `'tags' ${tag} points at '${revision}', which is not in 'revisions' (${[...this.istiods.keys()].join(", ")})`,
        );
      }
      if (this.istiods.has(tag)) {
        throw new Error(`'tags' ${tag} is also a revision name; tags and revisions must differ`);
      }
      if (revision === props.adopted?.name) {
        // The adopted istiod serves the default tag's labels itself; another tag cannot reach it.
        if (tag === DEFAULT_TAG) continue;
        throw new Error(
          `'tags' ${tag} points at the adopted revision '${revision}', which only the '${DEFAULT_TAG}' tag may; point it at another revision`,
        );
      }
      this.tags.set(
        tag,
        new Release(this, `Tag-${tag}`, {
          ...RELIABLE,
          provider: props.provider,
          name: `istio-tag-${tag}`,
          namespace,
          chart: chart.path,
          values: [stringifyYaml({ tag, revision })],
          timeout: 300,
          // The istiod the tag points at runs before its webhooks call it (see the class comment).
          dependsOn: [istiod],
        }),
      );
    }
  }

  /** Every release: the istiods (the adopted one first), then the tags. */
  get releases(): Release[] {
    return [...this.istiods.values(), ...this.tags.values()];
  }

  /** The revision (name and version) behind a revision or tag name. */
  resolve(reference: string): IstioRevision & { tag?: string } {
    const tag = reference in this.tagTargets ? reference : undefined;
    const name = tag ? this.tagTargets[tag] : reference;
    const revision = this.revisions.find((r) => r.name === name);
    if (!revision) {
      throw new Error(
        `'${reference}' is neither a revision (${[...this.istiods.keys()].join(", ")}) nor a tag (${Object.keys(this.tagTargets).join(", ") || "none"})`,
      );
    }
    return { ...revision, tag };
  }

  /** The release whose webhook injects pods labelled istio.io/rev=<reference>. */
  serving(reference: string): Release {
    if (this.resolve(reference).adopt) return this.istiods.get(this.resolve(reference).name)!;
    const tag = this.tags.get(reference);
    if (tag) return tag;
    return this.istiods.get(this.resolve(reference).name)!;
  }
}

/** The availability values of one revision's istiod, as a values document (none without any). */
function availabilityDocument(
  availability: ControlPlaneAvailability | undefined,
  revision: string,
): string[] {
  const values = availability ? istiodAvailabilityValues(availability, revision) : {};
  return Object.keys(values).length > 0 ? [stringifyYaml(values)] : [];
}
