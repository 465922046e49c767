import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@ledger/domain';
import type { Principal } from './principal';

export const IS_PUBLIC = 'delivery-ledger:public';
export const REQUIRED_ROLES = 'delivery-ledger:roles';

/** The route needs no token (health, API docs). Everything under /api needs one. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The caller needs at least one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/** The verified caller of this request, as set by the AuthGuard. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => {
    const request = context.switchToHttp().getRequest<{ principal?: Principal }>();
    if (!request.principal)
      throw new Error('CurrentPrincipal used on a route without the AuthGuard');
    return request.principal;
  },
);
