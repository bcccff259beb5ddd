import { EntityManager } from 'typeorm';
import { requestContext } from '../http/request-context';
import { AuditEvent } from './audit-event.entity';
import { Fields, changedFields } from './audit-rules';

export interface AuditedChange {
  /** Dotted, e.g. `unit.update`; see CONTRACT.md. */
  action: string;
  target: { kind: string; id: number | null; name?: string | null };
  /** The path of the unit the change concerns (an organiser reads their subtree's events); null: district-wide. */
  unitPath: string | null;
  before?: Fields | null;
  after?: Fields | null;
}

const ACTOR_NAMES: Record<string, { table: string; column: string }> = {
  organiser: { table: 'organiser', column: 'username' },
  participant: { table: 'participant', column: 'full_name' },
  screen: { table: 'screen_token', column: 'label' },
};

/**
 * Records a change in the transaction that makes it, so the log holds exactly the changes that
 * committed. Who and from where come from the request being served; in a job, the app itself.
 */
export async function recordAudit(manager: EntityManager, change: AuditedChange, at = Date.now()): Promise<void> {
  const context = requestContext();
  const actor = context?.actor ?? { kind: 'system' as const, id: null };
  const names = ACTOR_NAMES[actor.kind];
  const found: { name: string } | undefined =
    names && actor.id !== null
      ? await manager.createQueryBuilder().select(`t.${names.column}`, 'name').from(names.table, 't').where('t.id = :id', { id: actor.id }).getRawOne()
      : undefined;
  await manager.insert(AuditEvent, {
    at,
    actorKind: actor.kind,
    actorId: actor.id,
    actorName: found?.name ?? null,
    action: change.action,
    targetKind: change.target.kind,
    targetId: change.target.id,
    targetName: change.target.name?.slice(0, 300) ?? null,
    unitPath: change.unitPath,
    before: change.before ? JSON.stringify(change.before) : null,
    after: change.after ? JSON.stringify(change.after) : null,
    requestId: context?.requestId?.slice(0, 64) ?? null,
    address: context?.address?.slice(0, 64) ?? null,
  });
}

/** Records an update with only the fields that changed; nothing when nothing did. */
export async function recordUpdate(manager: EntityManager, change: Omit<AuditedChange, 'before' | 'after'>, before: Fields, after: Fields): Promise<void> {
  const changed = changedFields(before, after);
  if (changed) await recordAudit(manager, { ...change, ...changed });
}
