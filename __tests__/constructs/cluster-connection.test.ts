import { Testing } from "cdktf";
import { ClusterConnection, ClusterConnectionProps } from "../../constructs/cluster-connection";

const synth = (props: Partial<ClusterConnectionProps>) =>
  JSON.parse(
    Testing.synthScope((scope) => {
      new ClusterConnection(scope, "Connection", {
        project: "p-123456",
        location: "europe-west1",
        clusterName: "c",
        helm: true,
        ...props,
      });
    }),
  );

describe("ClusterConnection", () => {
  test("exec by default: no access token is read at plan time", () => {
    const stack = synth({});
    expect(stack.data.google_client_config).toBeUndefined();
    expect(stack.provider.kubernetes[0].exec[0].command).toBe("gke-gcloud-auth-plugin");
    expect(stack.provider.helm[0].kubernetes.exec.command).toBe("gke-gcloud-auth-plugin");
    expect(stack.provider.helm[0].kubernetes.token).toBeUndefined();
  });

  test("token: the access token of data google_client_config, no exec", () => {
    const stack = synth({ auth: "token" });
    expect(Object.keys(stack.data.google_client_config)).toHaveLength(1);
    expect(stack.provider.kubernetes[0].exec).toBeUndefined();
    expect(stack.provider.helm[0].kubernetes.exec).toBeUndefined();
    expect(stack.provider.helm[0].kubernetes.token).toMatch(/access_token/);
  });

  test("refuses another auth", () => {
    expect(() => synth({ auth: "password" as never })).toThrow(
      "'auth' must be one of exec, token, got 'password'",
    );
  });
});
