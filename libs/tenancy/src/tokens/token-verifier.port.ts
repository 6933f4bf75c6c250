import { Principal } from '../auth/principal';

/** The token is missing, malformed, expired, badly signed, for another issuer or audience, or its claims are unusable. */
export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
}

/** The token could not be checked right now (the issuer's JWKS is unreachable); retrying may succeed. */
export class TokenVerificationUnavailableError extends Error {
  override readonly name = 'TokenVerificationUnavailableError';
}

/** Turns a bearer token into the principal it was issued to (DESIGN §5). */
export interface TokenVerifier {
  /** Throws `InvalidTokenError` or `TokenVerificationUnavailableError`. */
  verify(token: string): Promise<Principal>;
}
