import { SignJWT, UnsecuredJWT } from 'jose';
import { InvalidClaimsError, principalFromClaims } from '../auth/principal';
import { InvalidTokenSecretError, sharedSecretFromConfig } from './shared-secret';
import { SharedSecretTokenVerifier } from './shared-secret-token-verifier';
import { TokenIssuer } from './token-issuer';
import { InvalidTokenError } from './token-verifier.port';

const secret = sharedSecretFromConfig('a-development-secret-of-at-least-32-bytes');
const issuer = new TokenIssuer({ secret });
const verifier = new SharedSecretTokenVerifier({ secret });
const claims = { sub: 'u-1', role: 'station-staff' as const, org: 'guangyi' };

describe('embedded-mode tokens', () => {
  describe('when a development token is issued', () => {
    it('verifies back to the principal it was issued for', async () => {
      const token = await issuer.issueDevToken(claims, '1h');
      expect(await verifier.verify(token)).toEqual({ userId: 'u-1', role: 'station-staff', orgUnitId: 'guangyi' });
    });

    it('expires after its lifetime', async () => {
      const issuedAt = new Date('2025-03-01T08:00:00Z');
      const token = await new TokenIssuer({ secret, clock: () => issuedAt }).issueDevToken(claims, 600);
      const justBefore = new SharedSecretTokenVerifier({ secret, clock: () => new Date('2025-03-01T08:09:59Z') });
      const after = new SharedSecretTokenVerifier({ secret, clock: () => new Date('2025-03-01T08:10:30Z') });
      await expect(justBefore.verify(token)).resolves.toMatchObject({ userId: 'u-1' });
      await expect(after.verify(token)).rejects.toThrow(InvalidTokenError);
    });

    it('refuses to issue a token no verifier would accept', async () => {
      await expect(issuer.issueDevToken({ ...claims, role: 'admin' as never })).rejects.toThrow(InvalidClaimsError);
      await expect(issuer.issueDevToken({ ...claims, org: 'Not A Slug' })).rejects.toThrow(InvalidClaimsError);
      await expect(issuer.issueDevToken(claims, 0)).rejects.toThrow(RangeError);
      await expect(issuer.issueDevToken(claims, '2 fortnights')).rejects.toThrow(RangeError);
    });
  });

  describe('when the token is not trustworthy', () => {
    it('rejects a token signed with another secret', async () => {
      const other = new TokenIssuer({ secret: sharedSecretFromConfig('another-secret-that-is-also-32-bytes-long') });
      await expect(verifier.verify(await other.issueDevToken(claims))).rejects.toThrow(InvalidTokenError);
    });

    it('rejects a token for another issuer or audience', async () => {
      const foreignIssuer = new TokenIssuer({ secret, issuer: 'someone-else' });
      const foreignAudience = new TokenIssuer({ secret, audience: 'another-app' });
      await expect(verifier.verify(await foreignIssuer.issueDevToken(claims))).rejects.toThrow(InvalidTokenError);
      await expect(verifier.verify(await foreignAudience.issueDevToken(claims))).rejects.toThrow(InvalidTokenError);
    });

    it('rejects an unsigned token', async () => {
      const unsigned = new UnsecuredJWT({ role: 'operator', org: 'liangxi' })
        .setSubject('u-1')
        .setIssuer('kinship-embedded')
        .setAudience('kinship')
        .setExpirationTime('1h')
        .encode();
      await expect(verifier.verify(unsigned)).rejects.toThrow(InvalidTokenError);
    });

    it('rejects a token whose claims do not name a Kinship role', async () => {
      const token = await new SignJWT({ role: 'superuser', org: 'guangyi' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('u-1')
        .setIssuer('kinship-embedded')
        .setAudience('kinship')
        .setExpirationTime('1h')
        .sign(secret);
      await expect(verifier.verify(token)).rejects.toThrow(/not a Kinship role/);
    });

    it('rejects a token without an expiry', async () => {
      const token = await new SignJWT({ role: 'operator', org: 'liangxi' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('u-1')
        .setIssuer('kinship-embedded')
        .setAudience('kinship')
        .sign(secret);
      await expect(verifier.verify(token)).rejects.toThrow(InvalidTokenError);
    });

    it.each(['', 'garbage', 'a.b.c'])('rejects the malformed token %p', async (token) => {
      await expect(verifier.verify(token)).rejects.toThrow(InvalidTokenError);
    });
  });
});

describe('sharedSecretFromConfig', () => {
  it('refuses a missing or short secret', () => {
    expect(() => sharedSecretFromConfig(undefined)).toThrow(InvalidTokenSecretError);
    expect(() => sharedSecretFromConfig('too-short')).toThrow(InvalidTokenSecretError);
  });
});

describe('principalFromClaims', () => {
  it('reads renamed and nested claims', () => {
    expect(
      principalFromClaims({ sub: 'u-9', kinship: { role: 'center-manager', org: 'guangrui' } }, { roleClaim: 'kinship.role', orgClaim: 'kinship.org' }),
    ).toEqual({ userId: 'u-9', role: 'center-manager', orgUnitId: 'guangrui' });
  });

  it('requires a subject', () => {
    expect(() => principalFromClaims({ role: 'operator', org: 'liangxi' })).toThrow(InvalidClaimsError);
  });
});
