import { Testing } from "cdktf";
import { Construct } from "constructs";
import {
  ReleaseChannelRecord,
  ReleaseChannelRecordProps,
} from "../../constructs/release-channel-record";

const synth = (props: ReleaseChannelRecordProps) =>
  JSON.parse(
    Testing.synthScope((scope: Construct) => {
      new ReleaseChannelRecord(scope, "Channel", props);
    }),
  ).resource.terraform_data;

describe("ReleaseChannelRecord", () => {
  test("a terraform_data the channel can only replace, refused by prevent_destroy", () => {
    expect(Object.values(synth({ channel: "STABLE" }))).toEqual([
      { triggers_replace: { release_channel: "STABLE" }, lifecycle: { prevent_destroy: true } },
    ]);
  });

  test("refuseChange: false lets the channel change (the record is replaced)", () => {
    expect(Object.values(synth({ channel: "RAPID", refuseChange: false }))).toEqual([
      { triggers_replace: { release_channel: "RAPID" }, lifecycle: { prevent_destroy: false } },
    ]);
  });

  // Synth without a terraform binary (cdktf's DataResource runs `terraform version` at synth) is
  // covered by generated-hcl.test.ts, which synthesizes the default file's csm environment with
  // terraform off PATH.
});
