import { ValueTransformer } from 'typeorm';

/**
 * Instants are stored as milliseconds since the epoch in a bigint column: the same type and
 * the same comparisons on SQLite and PostgreSQL, no time-zone conversions on the way, and cheap
 * in the raw statements of the hot paths. node-pg hands bigints back as strings.
 */
export const epochMs: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};
