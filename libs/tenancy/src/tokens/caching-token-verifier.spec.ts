import { CachingTokenVerifier } from './caching-token-verifier';
import { SharedSecretTokenVerifier } from './shared-secret-token-verifier';
import { TokenIssuer } from './token-issuer';
import { InvalidTokenError, TokenVerifier } from './token-verifier.port';

describe('a caching token verifier', () => {
  const secret = new TextEncoder().encode('a-test-secret-that-is-long-enough-for-hs256!!');
  let now = Date.UTC(2026, 10, 26, 8, 0, 0);
  const clock = () => new Date(now);
  const issuer = new TokenIssuer({ secret, clock });
  const real = new SharedSecretTokenVerifier({ secret, clock });
  let checks = 0;
  const counting: TokenVerifier = { verify: (token) => ((checks += 1), real.verify(token)) };
  const verifier = new CachingTokenVerifier(counting, { maxAgeSeconds: 60, clock: () => now });
  const claims = (sub: string) => ({ sub, role: 'station-staff' as const, org: 'guangrui-1' });

  beforeEach(() => {
    checks = 0;
  });

  it('checks a token once and answers repeats from memory', async () => {
    const token = await issuer.issueDevToken(claims('li.wei'), '1h');
    const first = await verifier.verify(token);
    const second = await verifier.verify(token);
    expect(second).toEqual(first);
    expect(first).toEqual({ userId: 'li.wei', role: 'station-staff', orgUnitId: 'guangrui-1' });
    expect(checks).toBe(1);
  });

  it('checks again once the cached answer is older than its maximum age', async () => {
    const token = await issuer.issueDevToken(claims('wang.fang'), '1h');
    await verifier.verify(token);
    now += 61_000;
    await verifier.verify(token);
    expect(checks).toBe(2);
  });

  it('never answers for a token past its expiry', async () => {
    const token = await issuer.issueDevToken(claims('zhang.min'), 30);
    await verifier.verify(token);
    // Past the expiry and the verifier's clock tolerance.
    now += 40_000;
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('does not remember tokens that failed', async () => {
    const forged = `${(await issuer.issueDevToken(claims('chen.jie'), '1h')).slice(0, -4)}AAAA`;
    await expect(verifier.verify(forged)).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(verifier.verify(forged)).rejects.toBeInstanceOf(InvalidTokenError);
    expect(checks).toBe(2);
  });
});
