/** Issuer and audience of the tokens embedded mode issues and verifies itself. */
export const DEV_TOKEN_ISSUER = 'kinship-embedded';
export const DEV_TOKEN_AUDIENCE = 'kinship';

const MINIMUM_SECRET_BYTES = 32;

/** The configured HS256 secret is missing or too short. */
export class InvalidTokenSecretError extends Error {
  override readonly name = 'InvalidTokenSecretError';
}

/**
 * Reads the HS256 secret shared by issuer and verifier in embedded mode (e.g. `KINSHIP_TOKEN_SECRET`):
 * at least 32 bytes of UTF-8, as RFC 7518 §3.2 asks of an HS256 key.
 */
export function sharedSecretFromConfig(value: string | undefined): Uint8Array {
  const secret = new TextEncoder().encode(value?.trim() ?? '');
  if (secret.length < MINIMUM_SECRET_BYTES) {
    throw new InvalidTokenSecretError(`The token secret must be at least ${MINIMUM_SECRET_BYTES} bytes, got ${secret.length}.`);
  }
  return secret;
}
