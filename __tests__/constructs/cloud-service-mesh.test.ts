// Types of the cdktf matchers that __tests__/setup.ts installs (Testing.setupJest).
import "cdktf/lib/testing/adapters/jest";
import { Testing } from "cdktf";
import { GoogleGkeHubFeature } from "@cdktf/provider-google-beta/lib/google-gke-hub-feature";
import { GoogleGkeHubFeatureMembership } from "@cdktf/provider-google-beta/lib/google-gke-hub-feature-membership";
import {
  CloudServiceMesh,
  CloudServiceMeshProps,
  MeshManagement,
  meshIdLabel,
} from "../../constructs/cloud-service-mesh";

function synth(props: Partial<CloudServiceMeshProps> = {}): string {
  return Testing.synthScope((scope) => {
    new CloudServiceMesh(scope, "ServiceMesh", {
      project: "test-project",
      membershipId: "test",
      membershipLocation: "europe-west1",
      ...props,
    });
  });
}

describe("CloudServiceMesh", () => {
  test("creates the servicemesh feature at location global", () => {
    expect(synth()).toHaveResourceWithProperties(GoogleGkeHubFeature, {
      name: "servicemesh",
      location: "global",
      project: "test-project",
    });
  });

  test("the feature membership names the feature, the membership and its location, with automatic management", () => {
    expect(synth()).toHaveResourceWithProperties(GoogleGkeHubFeatureMembership, {
      feature: "${google_gke_hub_feature.ServiceMesh_Feature_C6D8E566.name}",
      location: "global",
      membership: "test",
      membership_location: "europe-west1",
      mesh: { management: "MANAGEMENT_AUTOMATIC" },
    });
  });

  test("without the feature, the membership names 'servicemesh' and no feature is created", () => {
    const out = synth({ createFeature: false });
    expect(out).not.toHaveResource(GoogleGkeHubFeature);
    expect(out).toHaveResourceWithProperties(GoogleGkeHubFeatureMembership, {
      feature: "servicemesh",
    });
  });

  test("'management' is validated", () => {
    expect(() => synth({ management: "AUTOMATIC" as MeshManagement })).toThrow(
      "'management' must be one of MANAGEMENT_AUTOMATIC, MANAGEMENT_MANUAL, got 'AUTOMATIC'",
    );
  });

  test("meshIdLabel is proj-<project number>", () => {
    expect(meshIdLabel("123456789012")).toEqual({ mesh_id: "proj-123456789012" });
  });
});
