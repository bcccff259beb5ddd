import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { epochMs } from '../database/epoch-ms';
import { Race } from '../races/race.entity';
import { Organiser } from './organiser.entity';

/** A big screen's right to read boards; the token itself is a signed JWT naming this row. */
@Entity('screen_token')
export class ScreenToken {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 100 })
  label!: string;

  @Column({ name: 'created_by', type: 'integer' })
  createdBy!: number;

  @ManyToOne(() => Organiser, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'FK_screen_token_organiser' })
  creator?: Organiser;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;

  /** The race the screen shows; it reads nothing of other races. Null: the races its maker sees. */
  @Column({ name: 'race_id', type: 'integer', nullable: true })
  raceId!: number | null;

  @ManyToOne(() => Race, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'race_id', foreignKeyConstraintName: 'FK_screen_token_race' })
  race?: Race | null;

  /** Null: until revoked. */
  @Column({ name: 'expires_at', type: 'bigint', nullable: true, transformer: epochMs })
  expiresAt!: number | null;

  @Column({ name: 'revoked_at', type: 'bigint', nullable: true, transformer: epochMs })
  revokedAt!: number | null;
}
