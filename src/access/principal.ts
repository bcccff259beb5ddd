import { ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import type { Principal } from '../contract/auth';

// Who is calling, as the guard established it from the access token: the same shape GET /auth/me sends.
export type { OrganiserPrincipal, OrganiserRole, ParticipantPrincipal, Principal, ScreenPrincipal } from '../contract/auth';

/** Who may call a route: `admin` alone, any `organiser` (admins included), `participant`, `screen`. */
export type Caller = 'admin' | 'organiser' | 'participant' | 'screen';

export const CALLERS_KEY = 'ai-race:callers';
export const PUBLIC_KEY = 'ai-race:public';

/** Routes without @Allow or @Public are refused to everyone: forgetting is safe. */
export const Allow = (...callers: Caller[]) => SetMetadata(CALLERS_KEY, callers);
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => context.switchToHttp().getRequest<{ principal: Principal }>().principal,
);

export function mayCall(principal: Principal, callers: readonly Caller[]): boolean {
  switch (principal.kind) {
    case 'organiser':
      return callers.includes('organiser') || (principal.role === 'admin' && callers.includes('admin'));
    case 'participant':
      return callers.includes('participant');
    case 'screen':
      return callers.includes('screen');
  }
}
