import { Construct } from "constructs";
import { ChangeGuard } from "./change-guard";

export interface ReleaseChannelRecordProps {
  /** The cluster's release channel, as the cluster sets it. */
  readonly channel: string;
  /** Stop a plan that would change the channel. @default true */
  readonly refuseChange?: boolean;
}

/**
 * The release channel a Cloud Service Mesh cluster was provisioned with, kept in state (a
 * {@link ChangeGuard}): managed CSM keeps the channel it was provisioned with when the cluster's
 * changes, so a changed channel replaces the record and `prevent_destroy` stops that plan.
 */
export class ReleaseChannelRecord extends ChangeGuard {
  constructor(scope: Construct, id: string, props: ReleaseChannelRecordProps) {
    super(scope, id, {
      values: { release_channel: props.channel },
      refuseChange: props.refuseChange,
    });
  }
}
