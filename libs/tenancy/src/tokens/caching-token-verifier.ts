import { LruCache } from '@kinship/privacy';
import { Principal } from '../auth/principal';
import { TokenVerifier } from './token-verifier.port';

/**
 * Remembers tokens already verified, until they expire (or `maxAgeSeconds`, whichever is sooner). A station's
 * staff send the same token with every request, and a signature check on each one is pure overhead on the
 * hot path of registration. Only successes are cached: a bad token is checked again every time.
 */
export class CachingTokenVerifier implements TokenVerifier {
  private readonly cache: LruCache<string, { principal: Principal; until: number }>;

  constructor(
    private readonly inner: TokenVerifier,
    private readonly options: { maxEntries?: number; maxAgeSeconds?: number; clock?: () => number } = {},
  ) {
    this.cache = new LruCache(options.maxEntries ?? 10_000);
  }

  async verify(token: string): Promise<Principal> {
    const now = this.now();
    const hit = this.cache.get(token);
    if (hit && hit.until > now) return hit.principal;
    const principal = await this.inner.verify(token);
    const expiresAt = expiryOf(token);
    const until = Math.min(expiresAt ?? now, now + (this.options.maxAgeSeconds ?? 300) * 1000);
    if (until > now) this.cache.set(token, { principal, until });
    return principal;
  }

  private now(): number {
    return this.options.clock?.() ?? Date.now();
  }
}

/** The `exp` of a token the inner verifier has already accepted, in milliseconds. */
function expiryOf(token: string): number | null {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : null;
  } catch {
    return null;
  }
}
