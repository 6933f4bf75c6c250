import { Principal } from '../auth/principal';
import { verifyToken } from './jose-verification';
import { DEV_TOKEN_AUDIENCE, DEV_TOKEN_ISSUER } from './shared-secret';
import { TokenVerifier } from './token-verifier.port';

export interface SharedSecretTokenVerifierOptions {
  /** The secret the `TokenIssuer` signs with; see `sharedSecretFromConfig`. */
  secret: Uint8Array;
  issuer?: string;
  audience?: string;
  clockToleranceSeconds?: number;
  clock?: () => Date;
}

/** Embedded mode: HS256 tokens signed with a shared secret; only HS256 is accepted. */
export class SharedSecretTokenVerifier implements TokenVerifier {
  constructor(private readonly options: SharedSecretTokenVerifierOptions) {}

  verify(token: string): Promise<Principal> {
    return verifyToken(token, this.options.secret, {
      algorithms: ['HS256'],
      issuer: this.options.issuer ?? DEV_TOKEN_ISSUER,
      audience: this.options.audience ?? DEV_TOKEN_AUDIENCE,
      clockTolerance: this.options.clockToleranceSeconds ?? 5,
      currentDate: this.options.clock?.(),
      requiredClaims: ['sub', 'exp'],
    });
  }
}
