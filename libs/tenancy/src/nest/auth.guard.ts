import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role } from '@kinship/contracts';
import { Principal } from '../auth/principal';
import { OrgDirectoryReader } from '../org/org-directory.port';
import { isPrincipalPlaced } from '../policies/policies';
import { InvalidTokenError, TokenVerificationUnavailableError, TokenVerifier } from '../tokens/token-verifier.port';
import { AuthenticatedRequest, IS_PUBLIC_KEY, REQUIRED_ROLES_KEY } from './decorators';
import { ORG_DIRECTORY, TOKEN_VERIFIER } from './injection-tokens';

interface HttpRequest extends AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
}

interface HttpReply {
  header?: (name: string, value: string) => unknown;
  setHeader?: (name: string, value: string) => unknown;
}

const BEARER = /^Bearer[ \t]+([A-Za-z0-9._~+/-]+=*)[ \t]*$/i;

/**
 * The global guard of DESIGN §5: every HTTP route needs a valid bearer token unless marked `@Public()`,
 * the token's org unit must exist and fit its role, and `@Roles(...)` narrows who may call. Only HTTP
 * is guarded: messages from the bus are internal and carry their actor in the event metadata.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectoryReader,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;

    const http = context.switchToHttp();
    const request = http.getRequest<HttpRequest>();
    const reply = http.getResponse<HttpReply>();
    const principal = await this.authenticate(request, reply);

    if (!isPrincipalPlaced(principal, this.directory) && !(await this.placedAfterRefresh(principal))) {
      throw new ForbiddenException(`Org unit ${principal.orgUnitId} is unknown or does not fit the role ${principal.role}.`);
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES_KEY, targets);
    if (roles && roles.length > 0 && !roles.includes(principal.role)) {
      throw new ForbiddenException(`This route is for ${roles.join(', ')}; the caller is ${principal.role}.`);
    }
    request.principal = principal;
    return true;
  }

  /**
   * A station added while this process runs (by the operator CLI or another replica) is not in the in-memory
   * snapshot yet; tokens are signed, so a miss is rare and worth one reload of the hierarchy.
   */
  private async placedAfterRefresh(principal: Principal): Promise<boolean> {
    const refreshable = this.directory as OrgDirectoryReader & { refresh?: () => Promise<void> };
    if (typeof refreshable.refresh !== 'function') return false;
    await refreshable.refresh();
    return isPrincipalPlaced(principal, this.directory);
  }

  private async authenticate(request: HttpRequest, reply: HttpReply): Promise<Principal> {
    const header = request.headers['authorization'];
    const match = typeof header === 'string' ? BEARER.exec(header) : null;
    if (!match) {
      challenge(reply, 'Bearer realm="kinship"');
      throw new UnauthorizedException('A bearer token is required.');
    }
    try {
      return await this.verifier.verify(match[1]);
    } catch (error) {
      if (error instanceof InvalidTokenError) {
        challenge(reply, 'Bearer realm="kinship", error="invalid_token"');
        throw new UnauthorizedException(error.message);
      }
      if (error instanceof TokenVerificationUnavailableError) {
        throw new ServiceUnavailableException('Tokens cannot be verified right now.');
      }
      throw error;
    }
  }
}

/** RFC 6750 §3: a 401 tells the client which scheme to use and why its token failed. */
function challenge(reply: HttpReply, value: string): void {
  if (reply.header) reply.header('WWW-Authenticate', value);
  else reply.setHeader?.('WWW-Authenticate', value);
}
