import { Testing } from "cdktf";
import { Construct } from "constructs";
import { ChangeGuard, ChangeGuardProps } from "../../constructs/change-guard";
import {
  ReleaseChannelRecord,
  ReleaseChannelRecordProps,
} from "../../constructs/release-channel-record";

const synth = (add: (scope: Construct) => void) =>
  Object.values(JSON.parse(Testing.synthScope(add)).resource.terraform_data);
const guard = (props: ChangeGuardProps) => synth((s) => new ChangeGuard(s, "Guard", props));
const record = (props: ReleaseChannelRecordProps) =>
  synth((s) => new ReleaseChannelRecord(s, "Channel", props));

describe("ChangeGuard", () => {
  test("a terraform_data its values can only replace, refused by prevent_destroy", () => {
    expect(guard({ values: { dataplane: "ambient", mode: "oss" } })).toEqual([
      {
        triggers_replace: { dataplane: "ambient", mode: "oss" },
        lifecycle: { prevent_destroy: true },
      },
    ]);
  });

  test("refuseChange: false lets a value change (the record is replaced)", () => {
    expect(guard({ values: { dataplane: "sidecar" }, refuseChange: false })).toEqual([
      { triggers_replace: { dataplane: "sidecar" }, lifecycle: { prevent_destroy: false } },
    ]);
  });
});

describe("ReleaseChannelRecord", () => {
  test("a ChangeGuard of the channel, refused by prevent_destroy", () => {
    expect(record({ channel: "STABLE" })).toEqual([
      { triggers_replace: { release_channel: "STABLE" }, lifecycle: { prevent_destroy: true } },
    ]);
  });

  test("refuseChange: false lets the channel change (the record is replaced)", () => {
    expect(record({ channel: "RAPID", refuseChange: false })).toEqual([
      { triggers_replace: { release_channel: "RAPID" }, lifecycle: { prevent_destroy: false } },
    ]);
  });

  // Synth without a terraform binary (cdktf's DataResource runs `terraform version` at synth) is
  // covered by generated-hcl.test.ts, which synthesizes the default file's csm environment with
  // terraform off PATH.
});
