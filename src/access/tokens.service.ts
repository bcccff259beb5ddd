import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';

export type TokenKind = 'organiser' | 'participant' | 'screen' | 'join';

interface Claims {
  sub: string;
  typ: TokenKind;
  /** The account's session version when the token was made; tokens from before this field carry none (version 0). */
  ver?: number;
  /** An organiser token's own id, so a password change can keep the session that made it. */
  sid?: string;
  exp?: number;
}

/** What a valid token says. */
export interface TokenClaims {
  kind: TokenKind;
  id: number;
  version: number;
  sessionId: string | null;
  /** Epoch ms; null for a token that lasts until revoked. */
  expiresAt: number | null;
}

// Organisers sit at a laptop for a working day; staff on phones should not have to sign in
// every week; a join link printed as a QR code lives a month unless its maker says otherwise.
const LIFETIME_S: Record<TokenKind, number | null> = {
  organiser: 12 * 3600,
  participant: 30 * 24 * 3600,
  join: 30 * 24 * 3600,
  screen: null,
};

export interface SignOptions {
  version?: number;
  /** Overrides the kind's lifetime: an epoch-ms moment, or null for none. */
  expiresAt?: number | null;
}

/** Signed (HS256) tokens naming one account of one kind, under one of its session versions. */
@Injectable()
export class TokensService {
  constructor(private readonly jwt: JwtService) {}

  sign(kind: TokenKind, id: number, options: SignOptions = {}): { token: string; expiresAt: string | null; sessionId: string | null } {
    const lifetime = LIFETIME_S[kind];
    const expiresAt = options.expiresAt !== undefined ? options.expiresAt : lifetime === null ? null : Date.now() + lifetime * 1000;
    const sessionId = kind === 'organiser' ? randomBytes(12).toString('base64url') : null;
    const claims: Claims = {
      sub: String(id),
      typ: kind,
      ...(options.version ? { ver: options.version } : {}),
      ...(sessionId ? { sid: sessionId } : {}),
      ...(expiresAt === null ? {} : { exp: Math.floor(expiresAt / 1000) }),
    };
    const token = this.jwt.sign(claims);
    return { token, expiresAt: expiresAt === null ? null : new Date(Math.floor(expiresAt / 1000) * 1000).toISOString(), sessionId };
  }

  /** What a valid, unexpired token of one of the given kinds says; null otherwise. */
  verify(token: string, kinds: readonly TokenKind[]): TokenClaims | null {
    try {
      const claims = this.jwt.verify<Claims>(token, { algorithms: ['HS256'] });
      const id = Number(claims.sub);
      const version = claims.ver ?? 0;
      if (!kinds.includes(claims.typ) || !Number.isSafeInteger(id) || !Number.isSafeInteger(version)) return null;
      return { kind: claims.typ, id, version, sessionId: typeof claims.sid === 'string' ? claims.sid : null, expiresAt: claims.exp ? claims.exp * 1000 : null };
    } catch {
      return null;
    }
  }
}
