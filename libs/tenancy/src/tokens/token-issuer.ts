import { SignJWT } from 'jose';
import { PrincipalClaims, principalFromClaims } from '../auth/principal';
import { DEV_TOKEN_AUDIENCE, DEV_TOKEN_ISSUER } from './shared-secret';

export interface TokenIssuerOptions {
  /** See `sharedSecretFromConfig`. */
  secret: Uint8Array;
  issuer?: string;
  audience?: string;
  clock?: () => Date;
}

/**
 * Issues HS256 tokens for development and embedded mode (the CLI hands them out). Distributed mode
 * gets its tokens from an OIDC issuer instead.
 */
export class TokenIssuer {
  private readonly issuer: string;
  private readonly audience: string;
  private readonly clock: () => Date;

  constructor(private readonly options: TokenIssuerOptions) {
    this.issuer = options.issuer ?? DEV_TOKEN_ISSUER;
    this.audience = options.audience ?? DEV_TOKEN_AUDIENCE;
    this.clock = options.clock ?? (() => new Date());
  }

  /** A signed token for the principal; `ttl` in seconds or as a span such as `'15m'`, `'8h'`, `'7d'`. */
  async issueDevToken(claims: PrincipalClaims, ttl: number | string = '8h'): Promise<string> {
    // Refuse to sign what no verifier would accept.
    const principal = principalFromClaims({ ...claims });
    const lifetime = typeof ttl === 'number' ? ttl : parseTimeSpan(ttl);
    if (!Number.isInteger(lifetime) || lifetime <= 0) {
      throw new RangeError(`A token lifetime must be a positive whole number of seconds, got ${ttl}`);
    }
    // Times are computed from our clock, not jose's, so tests and the CLI can issue tokens for any moment.
    const issuedAt = Math.floor(this.clock().getTime() / 1000);
    return new SignJWT({ role: principal.role, org: principal.orgUnitId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(principal.userId)
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + lifetime)
      .sign(this.options.secret);
  }
}

const SPAN_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

function parseTimeSpan(span: string): number {
  const match = /^(\d+)\s*([smhd])$/i.exec(span.trim());
  if (!match) throw new RangeError(`Unsupported token lifetime: ${span} (use seconds or e.g. '15m', '8h', '7d').`);
  return Number(match[1]) * SPAN_UNITS[match[2].toLowerCase()];
}
