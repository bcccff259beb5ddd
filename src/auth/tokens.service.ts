import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';

export type TokenKind = 'organiser' | 'participant' | 'screen' | 'join';

interface Claims {
  sub: string;
  typ: TokenKind;
  exp?: number;
}

// Organisers sit at a laptop for a working day; staff on phones should not have to sign in
// every week; a join link printed as a QR code lives through a round or two.
const LIFETIME_S: Record<TokenKind, number | null> = {
  organiser: 12 * 3600,
  participant: 30 * 24 * 3600,
  join: 14 * 24 * 3600,
  screen: null, // revoked by deleting it, not by time
};

/** Signed (HS256) tokens naming one account of one kind. */
@Injectable()
export class TokensService {
  constructor(private readonly jwt: JwtService) {}

  sign(kind: TokenKind, id: number): { token: string; expiresAt: string | null } {
    const lifetime = LIFETIME_S[kind];
    const token = this.jwt.sign({ sub: String(id), typ: kind }, lifetime === null ? {} : { expiresIn: lifetime });
    return { token, expiresAt: lifetime === null ? null : new Date(Date.now() + lifetime * 1000).toISOString() };
  }

  /** The id inside a valid, unexpired token of the given kinds; null otherwise. */
  verify(token: string, kinds: readonly TokenKind[]): { kind: TokenKind; id: number } | null {
    try {
      const claims = this.jwt.verify<Claims>(token, { algorithms: ['HS256'] });
      const id = Number(claims.sub);
      if (!kinds.includes(claims.typ) || !Number.isSafeInteger(id)) return null;
      return { kind: claims.typ, id };
    } catch {
      return null;
    }
  }
}
