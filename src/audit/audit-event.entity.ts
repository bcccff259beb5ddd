import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { epochMs } from '../database/epoch-ms';

/**
 * One change that can move a ranking or touches personal data, written in the transaction that
 * made it (so a change that rolled back leaves no row) and never edited afterwards.
 */
@Entity('audit_event')
@Index('IDX_audit_event_at', ['at'])
@Index('IDX_audit_event_action', ['action', 'at'])
@Index('IDX_audit_event_unit_path', ['unitPath'])
export class AuditEvent {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'bigint', transformer: epochMs })
  at!: number;

  @Column({ name: 'actor_kind', type: 'varchar', length: 16 })
  actorKind!: 'organiser' | 'participant' | 'screen' | 'system';

  @Column({ name: 'actor_id', type: 'integer', nullable: true })
  actorId!: number | null;

  /** As it was at the time: an organiser renamed later still shows who acted then. */
  @Column({ name: 'actor_name', type: 'varchar', length: 200, nullable: true })
  actorName!: string | null;

  /** Dotted, e.g. `unit.update`, `question.retire`, `round.open`. */
  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ name: 'target_kind', type: 'varchar', length: 32 })
  targetKind!: string;

  @Column({ name: 'target_id', type: 'integer', nullable: true })
  targetId!: number | null;

  @Column({ name: 'target_name', type: 'varchar', length: 300, nullable: true })
  targetName!: string | null;

  /** The path of the unit the change concerns, so an organiser reads their subtree's events; null: district-wide. */
  @Column({ name: 'unit_path', type: 'varchar', length: 255, nullable: true })
  unitPath!: string | null;

  /** JSON of the fields that changed, as they were and as they became. */
  @Column({ type: 'text', nullable: true })
  before!: string | null;

  @Column({ type: 'text', nullable: true })
  after!: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  address!: string | null;
}
