import { Work, changes } from '../database/steps';
import { Actor, requestContext } from '../http/request-context';
import { AuditedChange } from './audit';

/** Who made a change and from where, taken when the change is asked for. */
export interface AuditSource {
  actor: Actor;
  requestId: string | null;
  address: string | null;
}

/**
 * The request being served, read now: a work of Transactions.steps may run later on SQLite,
 * grouped with other requests' works and in the first one's context, so it cannot ask itself.
 */
export function auditSource(): AuditSource {
  const context = requestContext();
  return { actor: context?.actor ?? { kind: 'system', id: null }, requestId: context?.requestId ?? null, address: context?.address ?? null };
}

const ACTOR_NAME: Record<string, string> = {
  organiser: '(SELECT username FROM organiser WHERE id = ?)',
  participant: '(SELECT full_name FROM participant WHERE id = ?)',
  screen: '(SELECT label FROM screen_token WHERE id = ?)',
};

/** recordAudit for a work of SQL steps (Transactions.steps): the row joins the work's transaction. */
export function* auditStep(source: AuditSource, change: AuditedChange, at: number): Work<void> {
  const name = ACTOR_NAME[source.actor.kind];
  yield* changes(
    'INSERT INTO audit_event (at, actor_kind, actor_id, actor_name, action, target_kind, target_id, target_name, unit_path, before, after, request_id, address) ' +
      `VALUES (?, ?, ?, ${name && source.actor.id !== null ? name : 'CAST(? AS VARCHAR(200))'}, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    at,
    source.actor.kind,
    source.actor.id,
    name && source.actor.id !== null ? source.actor.id : null,
    change.action,
    change.target.kind,
    change.target.id,
    change.target.name?.slice(0, 300) ?? null,
    change.unitPath,
    change.before ? JSON.stringify(change.before) : null,
    change.after ? JSON.stringify(change.after) : null,
    source.requestId?.slice(0, 64) ?? null,
    source.address?.slice(0, 64) ?? null,
  );
}
