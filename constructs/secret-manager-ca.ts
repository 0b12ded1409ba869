import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { DataGoogleSecretManagerSecretVersion } from "@cdktf/provider-google/lib/data-google-secret-manager-secret-version";
import { PLUGGED_CA } from "../facts/istio-multicluster";

/** The four files of Istio's plugged-in CA, as the Secret `cacerts` holds them. */
export interface CaCertificates {
  /** `ca-cert.pem`: this cluster's intermediate CA certificate. */
  readonly caCert: string;
  /** `ca-key.pem`: its private key. */
  readonly caKey: string;
  /** `root-cert.pem`: the root every member shares. */
  readonly rootCert: string;
  /** `cert-chain.pem`: the intermediate, then the root. */
  readonly certChain: string;
}

/** CaCertificates field → file name in `cacerts` and in the Secret Manager payload. */
export const CA_FILES: Readonly<Record<keyof CaCertificates, string>> = {
  caCert: PLUGGED_CA.files[0],
  caKey: PLUGGED_CA.files[1],
  rootCert: PLUGGED_CA.files[2],
  certChain: PLUGGED_CA.files[3],
};

export interface SecretManagerCaProps {
  /**
   * The secrets' name prefix: `<prefix>-ca-cert`, `<prefix>-ca-key`, `<prefix>-root-cert` and
   * `<prefix>-cert-chain` hold the four files. A secret id prefix in `project`, or
   * `projects/<project>/secrets/<prefix>`.
   */
  readonly secretPrefix: string;
  /** The secrets' project, when `secretPrefix` is an id. @default - the google provider's project */
  readonly project?: string;
  /** The version of every secret to read; pin a number to rotate deliberately. @default "latest" */
  readonly version?: string;
  /** @default - the stack's google provider */
  readonly provider?: TerraformProvider;
}

const SECRET_PATH = /^projects\/([a-z][-a-z0-9]{4,28}[a-z0-9])\/secrets\/([A-Za-z0-9_-]{1,240})$/;
const SECRET_ID = /^[A-Za-z0-9_-]{1,240}$/;

/** The secret of each file: `<prefix>-<file name without .pem>`. */
export function caSecretIds(prefix: string): Record<keyof CaCertificates, string> {
  const id = (file: string) => `${prefix}-${file.replace(/\.pem$/, "")}`;
  return {
    caCert: id(CA_FILES.caCert),
    caKey: id(CA_FILES.caKey),
    rootCert: id(CA_FILES.rootCert),
    certChain: id(CA_FILES.certChain),
  };
}

/**
 * One member's intermediate CA, read from four Secret Manager secrets, one per file of Istio's
 * plugged-in CA (`gcloud secrets create <prefix>-ca-key --data-file=ca-key.pem`, and so on). Four
 * plain secrets, not one JSON payload: nothing to parse, and the root may be shared more widely
 * than the key. The key stays out of the repository, but Terraform reads it: it lands in the
 * state, like every secret Terraform writes (protect the state bucket).
 */
export class SecretManagerCa extends Construct {
  /** Field → the secret version read. */
  readonly versions: Readonly<Record<keyof CaCertificates, DataGoogleSecretManagerSecretVersion>>;
  readonly certificates: CaCertificates;

  constructor(scope: Construct, id: string, props: SecretManagerCaProps) {
    super(scope, id);
    const path = SECRET_PATH.exec(props.secretPrefix);
    if (!path && !SECRET_ID.test(props.secretPrefix)) {
      throw new Error(
        `'secretPrefix' must be a Secret Manager secret id prefix or projects/<project>/secrets/<prefix>, got '${props.secretPrefix}'`,
      );
    }
    if (path && props.project !== undefined && props.project !== path[1]) {
      throw new Error(
        `'project' '${props.project}' contradicts the project of 'secretPrefix' '${props.secretPrefix}'`,
      );
    }
    const ids = caSecretIds(path ? path[2] : props.secretPrefix);
    const read = (field: keyof CaCertificates, constructId: string) =>
      new DataGoogleSecretManagerSecretVersion(this, constructId, {
        provider: props.provider,
        project: path ? path[1] : props.project,
        secret: ids[field],
        version: props.version ?? "latest",
      });
    this.versions = {
      caCert: read("caCert", "CaCert"),
      caKey: read("caKey", "CaKey"),
      rootCert: read("rootCert", "RootCert"),
      certChain: read("certChain", "CertChain"),
    };
    this.certificates = {
      caCert: this.versions.caCert.secretData,
      caKey: this.versions.caKey.secretData,
      rootCert: this.versions.rootCert.secretData,
      certChain: this.versions.certChain.secretData,
    };
  }
}
