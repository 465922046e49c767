import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@ledger/domain';
import { AuthenticationError, AuthorizationError } from './auth.errors';
import { IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators';
import type { Principal } from './principal';
import { TokenVerifier } from './token-verifier';

interface GuardedRequest {
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
}

/** Global guard: bearer token required unless the route is @Public(); @Roles checked after. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const header = request.headers.authorization;
    if (typeof header !== 'string' || !/^Bearer [^\s]+$/i.test(header)) {
      throw new AuthenticationError('a Bearer token is required (Authorization: Bearer <jwt>)');
    }
    const principal = await this.verifier.verify(header.slice('Bearer '.length));
    request.principal = principal;

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required && !principal.roles.some((role) => required.includes(role))) {
      throw new AuthorizationError(
        `this action needs one of the roles: ${required.join(', ')}`,
        'role-required',
      );
    }
    return true;
  }
}
