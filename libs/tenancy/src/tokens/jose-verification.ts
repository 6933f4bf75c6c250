import { JWTVerifyGetKey, JWTVerifyOptions, errors, jwtVerify } from 'jose';
import { ClaimNames, InvalidClaimsError, Principal, principalFromClaims } from '../auth/principal';
import { InvalidTokenError, TokenVerificationUnavailableError } from './token-verifier.port';

/** jose failures that say the token itself is bad; any other failure means we could not check it. */
const TOKEN_FAULTS = new Set([
  errors.JWTExpired.code,
  errors.JWTClaimValidationFailed.code,
  errors.JWSSignatureVerificationFailed.code,
  errors.JWSInvalid.code,
  errors.JWTInvalid.code,
  errors.JOSEAlgNotAllowed.code,
  errors.JOSENotSupported.code,
  errors.JWKSNoMatchingKey.code,
  errors.JWKSMultipleMatchingKeys.code,
]);

/** Verifies with jose and maps every outcome onto the port's two errors. */
export async function verifyToken(
  token: string,
  key: Uint8Array | JWTVerifyGetKey,
  options: JWTVerifyOptions,
  claimNames: ClaimNames = {},
): Promise<Principal> {
  if (typeof token !== 'string' || token.length === 0) throw new InvalidTokenError('No token was given.');
  let payload: Record<string, unknown>;
  try {
    // jwtVerify's overloads take a key or a key getter, not their union.
    const verified = typeof key === 'function' ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options);
    payload = verified.payload;
  } catch (error) {
    if (error instanceof errors.JOSEError && TOKEN_FAULTS.has(error.code)) {
      throw new InvalidTokenError(`The token was rejected: ${error.message}`, { cause: error });
    }
    throw new TokenVerificationUnavailableError(`The token could not be verified: ${(error as Error).message}`, { cause: error });
  }
  try {
    return principalFromClaims(payload, claimNames);
  } catch (error) {
    if (error instanceof InvalidClaimsError) throw new InvalidTokenError(error.message, { cause: error });
    throw error;
  }
}
