// Signing in and the accounts behind it: sessions, who a token speaks for, organisers, screen
// tokens and join links (/auth, /organisers, /screen-tokens, /participants/:id/join-link, /join-qr).
import type { ParticipantView } from './org';

export type OrganiserRole = 'admin' | 'organiser';

/** Who a token speaks for, as the server established it; GET /auth/me sends it as it is. */
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

/** POST /auth/login. */
export interface OrganiserSession {
  accessToken: string;
  expiresAt: string | null;
  role: OrganiserRole;
}

/** POST /auth/participant and POST /auth/join. */
export interface ParticipantSession {
  accessToken: string;
  expiresAt: string | null;
  participant: Pick<ParticipantView, 'id' | 'staffCode' | 'fullName' | 'unitId' | 'clanId'>;
}

/** An organiser's account, without its secrets. */
export interface OrganiserView {
  id: number;
  username: string;
  role: OrganiserRole;
  unitId: number | null;
  active: boolean;
  createdAt: string;
}

/** A big screen's token as listed: the token itself is shown once, when made. */
export interface ScreenTokenView {
  id: number;
  label: string;
  /** The race the screen reads; null: the races its maker sees. */
  raceId: number | null;
  createdBy: number;
  createdAt: string;
  /** null: until revoked. */
  expiresAt: string | null;
}

/** An address to open, and the same as a QR code (SVG). */
export interface QrLink {
  url: string;
  qrSvg: string;
}

/** POST /screen-tokens: the new token, its screen page's address and that as a QR code. */
export interface NewScreenToken extends ScreenTokenView, QrLink {
  token: string;
}

/** POST /participants/:id/join-link: a link that signs the participant in without their PIN, until it expires or the PIN changes. */
export interface JoinLink extends QrLink {
  token: string;
  expiresAt: string | null;
}
