import { Injectable } from '@nestjs/common';

/** Whose sessions ended: every token and socket of this account (or screen) stops. */
export interface SessionOwner {
  kind: 'participant' | 'organiser' | 'screen';
  id: number;
}

/**
 * Tells whoever holds open connections (the socket gateway) that an account's sessions ended,
 * once the change that ended them has committed. Tokens need no telling: each request checks
 * the account's session version in the database.
 */
@Injectable()
export class SessionEndings {
  private readonly listeners = new Set<(owner: SessionOwner) => void>();

  listen(listener: (owner: SessionOwner) => void): void {
    this.listeners.add(listener);
  }

  announce(...owners: SessionOwner[]): void {
    for (const owner of owners) for (const listener of this.listeners) listener(owner);
  }
}
