import { CryptoKey, JWK, SignJWT, exportJWK, generateKeyPair } from 'jose';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { JwksTokenVerifier } from './jwks-token-verifier';
import { InvalidTokenError, TokenVerificationUnavailableError } from './token-verifier.port';

let server: Server;
let baseUrl: string;
let jwks: { keys: JWK[] } = { keys: [] };
let jwksRequests = 0;
let signingKey: CryptoKey;
let strangerKey: CryptoKey;

const AUDIENCE = 'kinship-api';
const issuerUrl = () => `${baseUrl}/realms/kinship`;

function sign(claims: Record<string, unknown>, options: { key?: CryptoKey; kid?: string; iss?: string; aud?: string; alg?: string } = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: options.alg ?? 'RS256', kid: options.kid ?? 'key-1' })
    .setSubject('u-oidc')
    .setIssuer(options.iss ?? issuerUrl())
    .setAudience(options.aud ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(options.key ?? signingKey);
}

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  signingKey = pair.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' }] };

  server = createServer((request, response) => {
    if (request.url === '/realms/kinship/protocol/openid-connect/certs') {
      jwksRequests += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    } else if (request.url === '/realms/kinship/.well-known/openid-configuration') {
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ issuer: issuerUrl(), jwks_uri: `${issuerUrl()}/protocol/openid-connect/certs` }));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
});

function verifier(overrides: Partial<ConstructorParameters<typeof JwksTokenVerifier>[0]> = {}) {
  return new JwksTokenVerifier({
    jwksUri: `${issuerUrl()}/protocol/openid-connect/certs`,
    issuer: issuerUrl(),
    audience: AUDIENCE,
    ...overrides,
  });
}

describe('JwksTokenVerifier', () => {
  describe('when the issuer signed the token with a key from its JWKS', () => {
    it('verifies it and reads the principal', async () => {
      const token = await sign({ role: 'district-analyst', org: 'liangxi' });
      expect(await verifier().verify(token)).toEqual({ userId: 'u-oidc', role: 'district-analyst', orgUnitId: 'liangxi' });
    });

    it('fetches the key set once and reuses it', async () => {
      const subject = verifier();
      const before = jwksRequests;
      for (let i = 0; i < 3; i += 1) await subject.verify(await sign({ role: 'operator', org: 'liangxi' }));
      expect(jwksRequests - before).toBe(1);
    });

    it('finds the JWKS through OpenID discovery', async () => {
      const discovered = await JwksTokenVerifier.discover({ issuer: issuerUrl(), audience: AUDIENCE });
      expect(await discovered.verify(await sign({ role: 'center-manager', org: 'guangrui' }))).toMatchObject({ role: 'center-manager' });
    });

    it('reads claims the issuer put elsewhere when told where', async () => {
      const token = await sign({ kinship: { role: 'station-lead', org: 'guangyi' } });
      const mapped = verifier({ roleClaim: 'kinship.role', orgClaim: 'kinship.org' });
      expect(await mapped.verify(token)).toEqual({ userId: 'u-oidc', role: 'station-lead', orgUnitId: 'guangyi' });
    });
  });

  describe('when the token must be refused', () => {
    it('rejects a token from another issuer', async () => {
      await expect(verifier().verify(await sign({ role: 'operator', org: 'liangxi' }, { iss: 'https://elsewhere.example' }))).rejects.toThrow(
        InvalidTokenError,
      );
    });

    it('rejects a token for another audience', async () => {
      await expect(verifier().verify(await sign({ role: 'operator', org: 'liangxi' }, { aud: 'another-api' }))).rejects.toThrow(
        InvalidTokenError,
      );
    });

    it('rejects a token signed by a key the issuer does not publish', async () => {
      const forged = await sign({ role: 'operator', org: 'liangxi' }, { key: strangerKey });
      await expect(verifier().verify(forged)).rejects.toThrow(InvalidTokenError);
      const unknownKid = await sign({ role: 'operator', org: 'liangxi' }, { key: strangerKey, kid: 'key-2' });
      await expect(verifier().verify(unknownKid)).rejects.toThrow(InvalidTokenError);
    });

    it('rejects an HS256 token even when it names a published key', async () => {
      const hs = await new SignJWT({ role: 'operator', org: 'liangxi' })
        .setProtectedHeader({ alg: 'HS256', kid: 'key-1' })
        .setSubject('u-oidc')
        .setIssuer(issuerUrl())
        .setAudience(AUDIENCE)
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(JSON.stringify(jwks.keys[0])));
      await expect(verifier().verify(hs)).rejects.toThrow(InvalidTokenError);
    });

    it('rejects a token whose claims carry no Kinship role', async () => {
      await expect(verifier().verify(await sign({ org: 'liangxi' }))).rejects.toThrow(InvalidTokenError);
    });
  });

  describe('when the issuer cannot be reached', () => {
    it('reports verification as unavailable rather than the token as invalid', async () => {
      const token = await sign({ role: 'operator', org: 'liangxi' });
      const unreachable = verifier({ jwksUri: `${baseUrl}/no-such-jwks`, timeoutMs: 1000 });
      await expect(unreachable.verify(token)).rejects.toThrow(TokenVerificationUnavailableError);
    });

    it('fails discovery of an issuer without a discovery document', async () => {
      await expect(JwksTokenVerifier.discover({ issuer: `${baseUrl}/realms/missing`, audience: AUDIENCE })).rejects.toThrow(
        TokenVerificationUnavailableError,
      );
    });
  });
});
