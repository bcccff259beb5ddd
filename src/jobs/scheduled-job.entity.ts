import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { epochMs } from '../database/epoch-ms';

export type ScheduledJobStatus = 'pending' | 'running' | 'failed';

/** A job of the in-process driver, kept in the database so a restart does not forget it. */
@Entity('scheduled_job')
@Index('IDX_scheduled_job_due', ['status', 'runAt'])
export class ScheduledJob {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** Jobs enqueued with the same key coalesce into one pending job. */
  @Index('UQ_scheduled_job_key', { unique: true })
  @Column({ name: 'job_key', type: 'varchar', length: 200, nullable: true })
  jobKey!: string | null;

  @Column({ type: 'text' })
  payload!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: ScheduledJobStatus;

  @Column({ name: 'run_at', type: 'bigint', transformer: epochMs })
  runAt!: number;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;
}
