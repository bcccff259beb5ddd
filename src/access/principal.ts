import { ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';

export type OrganiserRole = 'admin' | 'organiser';

/** Who is calling, as the guard established it from the access token. */
export type Principal =
  | {
      kind: 'organiser';
      id: number;
      role: OrganiserRole;
      /** The organiser's unit subtree as a path prefix; null for district-wide. */
      scopePath: string | null;
      unitId: number | null;
    }
  | { kind: 'participant'; id: number; unitId: number }
  | {
      kind: 'screen';
      id: number;
      /** The one race the screen may read; null: the races its maker sees. */
      raceId: number | null;
      /** Its maker's scope, as for an organiser. */
      scopePath: string | null;
    };

export type OrganiserPrincipal = Extract<Principal, { kind: 'organiser' }>;
export type ParticipantPrincipal = Extract<Principal, { kind: 'participant' }>;
export type ScreenPrincipal = Extract<Principal, { kind: 'screen' }>;

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
