import { Injectable } from '@nestjs/common';

/** Whose sessions ended: every token and socket of this account (or screen) stops. */
export interface SessionOwner {
  kind: 'participant' | 'organiser' | 'screen';
  id: number;
}

/** An ending, and the one session it spares (an organiser's own password change keeps the session that made it). */
export interface SessionEnding extends SessionOwner {
  keep?: string | null;
}

/**
 * Tells whoever holds open connections (the socket gateway) that an account's sessions ended,
 * once the change that ended them has committed. Tokens need no telling: each request checks
 * the account's session version in the database.
 */
@Injectable()
export class SessionEndings {
  private readonly listeners = new Set<(ending: SessionEnding) => void>();

  listen(listener: (ending: SessionEnding) => void): void {
    this.listeners.add(listener);
  }

  announce(...endings: SessionEnding[]): void {
    for (const ending of endings) for (const listener of this.listeners) listener(ending);
  }
}
