import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { epochMs } from '../database/epoch-ms';
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

  @Column({ name: 'revoked_at', type: 'bigint', nullable: true, transformer: epochMs })
  revokedAt!: number | null;
}
