import { Fn, TerraformProvider, Token } from "cdktf";
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
  /** The secret: its id in `project`, or `projects/<project>/secrets/<id>`. */
  readonly secret: string;
  /** The secret's project, when `secret` is an id. @default - the google provider's project */
  readonly project?: string;
  /** The version to read; pin a number to rotate deliberately. @default "latest" */
  readonly version?: string;
  /** @default - the stack's google provider */
  readonly provider?: TerraformProvider;
}

const SECRET_PATH = /^projects\/([a-z][-a-z0-9]{4,28}[a-z0-9])\/secrets\/([A-Za-z0-9_-]{1,255})$/;
const SECRET_ID = /^[A-Za-z0-9_-]{1,255}$/;

/**
 * One member's intermediate CA, read from a Secret Manager secret whose payload is a JSON object
 * keyed by the four file names (`ca-cert.pem`, `ca-key.pem`, `root-cert.pem`, `cert-chain.pem`).
 * The key stays out of the repository, but Terraform reads it: it lands in the state, like every
 * secret Terraform writes (protect the state bucket). A missing file fails the plan, naming it.
 */
export class SecretManagerCa extends Construct {
  readonly version: DataGoogleSecretManagerSecretVersion;
  readonly certificates: CaCertificates;

  constructor(scope: Construct, id: string, props: SecretManagerCaProps) {
    super(scope, id);
    const path = SECRET_PATH.exec(props.secret);
    if (!path && !SECRET_ID.test(props.secret)) {
      throw new Error(
        `'secret' must be a Secret Manager secret id or projects/<project>/secrets/<id>, got '${props.secret}'`,
      );
    }
    if (path && props.project !== undefined && props.project !== path[1]) {
      throw new Error(
        `'project' '${props.project}' contradicts the project of 'secret' '${props.secret}'`,
      );
    }
    this.version = new DataGoogleSecretManagerSecretVersion(this, "Version", {
      provider: props.provider,
      project: path ? path[1] : props.project,
      secret: path ? path[2] : props.secret,
      version: props.version ?? "latest",
    });
    const payload = Fn.jsondecode(this.version.secretData);
    const file = (name: string) => Token.asString(Fn.lookup(payload, name));
    this.certificates = {
      caCert: file(CA_FILES.caCert),
      caKey: file(CA_FILES.caKey),
      rootCert: file(CA_FILES.rootCert),
      certChain: file(CA_FILES.certChain),
    };
  }
}
