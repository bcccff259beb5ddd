import { always, anyOf, boolean, dateTime, extend, integer, nullable, oneOf, shape, string } from '../http/response-schema';
import type { NewScreenToken, OrganiserSession, OrganiserView, ParticipantSession, ScreenTokenView } from '../contract/auth';
import type { OrganiserPrincipal, ParticipantPrincipal, ScreenPrincipal } from '../access/principal';

export const ORGANISER_SESSION = shape<OrganiserSession>({ accessToken: string, expiresAt: nullable(dateTime), role: oneOf('admin', 'organiser') });

export const PARTICIPANT_SESSION = shape<ParticipantSession>({
  accessToken: string,
  expiresAt: nullable(dateTime),
  participant: shape<ParticipantSession['participant']>({ id: integer, staffCode: string, fullName: string, unitId: integer, clanId: nullable(integer) }),
});

export const PRINCIPAL = anyOf(
  shape<OrganiserPrincipal>({
    kind: always('organiser'),
    id: integer,
    role: oneOf('admin', 'organiser'),
    scopePath: nullable(string),
    unitId: nullable(integer),
  }),
  shape<ParticipantPrincipal>({ kind: always('participant'), id: integer, unitId: integer }),
  shape<ScreenPrincipal>({ kind: always('screen'), id: integer, raceId: nullable(integer), scopePath: nullable(string) }),
);

export const ORGANISER_VIEW = shape<OrganiserView>({
  id: integer,
  username: string,
  role: oneOf('admin', 'organiser'),
  unitId: nullable(integer),
  active: boolean,
  createdAt: dateTime,
});

export const SCREEN_TOKEN_VIEW = shape<ScreenTokenView>({
  id: integer,
  label: string,
  raceId: nullable(integer),
  createdBy: integer,
  createdAt: dateTime,
  expiresAt: nullable(dateTime),
});

export const NEW_SCREEN_TOKEN = extend<Omit<NewScreenToken, keyof ScreenTokenView>>(SCREEN_TOKEN_VIEW, { token: string, url: string, qrSvg: string });
