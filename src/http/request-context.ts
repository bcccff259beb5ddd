import { AsyncLocalStorage } from 'node:async_hooks';

/** Who made a change: a signed-in caller, or the app itself (a scheduled job, start-up). */
export interface Actor {
  kind: 'organiser' | 'participant' | 'screen' | 'system';
  id: number | null;
}

/** What the audit log needs to know of the request a change came from, wherever the change is made. */
export interface RequestContext {
  requestId: string | null;
  address: string | null;
  /** Set by the auth guard once the token is checked. */
  actor?: Actor;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The context of the request being served, or undefined in a job or at start-up. */
export function requestContext(): RequestContext | undefined {
  return storage.getStore();
}

export function withRequestContext<T>(context: RequestContext, run: () => T): T {
  return storage.run(context, run);
}

/** Runs `run` (and whatever it starts) as the app itself, whichever request's context it was called in. */
export function outsideRequest<T>(run: () => T): T {
  return storage.exit(run);
}
