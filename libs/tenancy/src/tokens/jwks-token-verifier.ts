import { JWTVerifyGetKey, createRemoteJWKSet } from 'jose';
import { ClaimNames, Principal } from '../auth/principal';
import { verifyToken } from './jose-verification';
import { TokenVerificationUnavailableError, TokenVerifier } from './token-verifier.port';

/** Asymmetric algorithms only: a JWKS never holds the shared secrets HS* would need. */
const DEFAULT_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA', 'Ed25519'];

export interface JwksTokenVerifierOptions extends ClaimNames {
  /** The issuer's `jwks_uri`. */
  jwksUri: string | URL;
  /** Must equal the token's `iss`. */
  issuer: string;
  /** The token's `aud` must contain (one of) these. */
  audience: string | string[];
  algorithms?: string[];
  clockToleranceSeconds?: number;
  /** How long to wait for the JWKS endpoint; default 5000 ms. */
  timeoutMs?: number;
  /** How long a fetched key set is trusted before it is fetched again; default 10 minutes. */
  cacheMaxAgeMs?: number;
  clock?: () => Date;
}

/**
 * Distributed mode: tokens from an OIDC issuer, verified against its published JWKS (fetched on
 * demand, cached, refetched when an unknown key id shows up), with `iss` and `aud` checked.
 */
export class JwksTokenVerifier implements TokenVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly options: JwksTokenVerifierOptions) {
    this.keys = createRemoteJWKSet(new URL(options.jwksUri), {
      timeoutDuration: options.timeoutMs ?? 5000,
      cacheMaxAge: options.cacheMaxAgeMs ?? 600_000,
    });
  }

  /** Finds the JWKS through the issuer's OpenID discovery document (`/.well-known/openid-configuration`). */
  static async discover(options: Omit<JwksTokenVerifierOptions, 'jwksUri'>): Promise<JwksTokenVerifier> {
    const url = new URL('.well-known/openid-configuration', options.issuer.endsWith('/') ? options.issuer : `${options.issuer}/`);
    let document: { issuer?: unknown; jwks_uri?: unknown };
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 5000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      document = (await response.json()) as typeof document;
    } catch (error) {
      throw new TokenVerificationUnavailableError(`OpenID discovery at ${url.href} failed: ${(error as Error).message}`, { cause: error });
    }
    if (document.issuer !== options.issuer || typeof document.jwks_uri !== 'string') {
      // OpenID Connect Discovery §4.3: the document must name the very issuer it was fetched for.
      throw new TokenVerificationUnavailableError(`OpenID discovery at ${url.href} does not describe issuer ${options.issuer}.`);
    }
    return new JwksTokenVerifier({ ...options, jwksUri: document.jwks_uri });
  }

  verify(token: string): Promise<Principal> {
    return verifyToken(
      token,
      this.keys,
      {
        algorithms: this.options.algorithms ?? DEFAULT_ALGORITHMS,
        issuer: this.options.issuer,
        audience: this.options.audience,
        clockTolerance: this.options.clockToleranceSeconds ?? 5,
        currentDate: this.options.clock?.(),
        requiredClaims: ['sub', 'exp'],
      },
      { roleClaim: this.options.roleClaim, orgClaim: this.options.orgClaim },
    );
  }
}
