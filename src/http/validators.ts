import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  buildMessage,
  isISO8601,
} from 'class-validator';
import { MAX_ID } from './id-param';

export const CODE_PATTERN = /^[A-Za-z0-9._-]{1,50}$/;

/**
 * A unit, clan or staff code: 1–50 of A-Z 0-9 . _ -, kept upper case because people type
 * `hamo` and `HAMO` for the same unit.
 */
export const IsCode = () =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value)),
    IsString(),
    Matches(CODE_PATTERN, { message: ({ property }) => `${property} must be 1 to 50 of A-Z 0-9 . _ -` }),
  );

/**
 * A person's or unit's name (or a label): NFC, trimmed, single spaces, 1–`max` characters,
 * counted after normalising, as stored (NFC can lengthen text: U+0958 becomes two characters).
 */
export const IsName = (max = 200) =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.normalize('NFC').trim().replace(/\s+/g, ' ') : value)),
    IsString(),
    MinLength(1),
    MaxLength(max),
  );

/**
 * An instant in ISO 8601, as the services read it with Date.parse. The ISO rule alone also
 * passes week dates, ordinal dates and the basic format (`2025-W01-1`, `2025-123`, `20250601`),
 * which Date.parse reads as NaN; reported under the same rule name, so the wording is unchanged.
 */
export const IsInstant = () =>
  ValidateBy({
    name: 'isISO8601',
    validator: {
      validate: (value) => typeof value === 'string' && isISO8601(value, { strict: true }) && Number.isFinite(Date.parse(value)),
      defaultMessage: buildMessage((each) => `${each}$property must be a valid ISO 8601 date string`),
    },
  });

/**
 * A field a PATCH may leave out but not set to null. (@IsOptional lets null through, and a
 * null name would reach a NOT NULL column.)
 */
export const IsOmittable = () => ValidateIf((_object, value) => value !== undefined);

/** A yes/no in a query string: `true`/`1` or `false`/`0`. */
export const IsQueryBoolean = () =>
  applyDecorators(
    IsOptional(),
    Transform(({ value }: { value: unknown }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value)),
    IsBoolean(),
  );

/** `limit` (1–500, 50 when absent) and `offset` of a list. */
export class PageQuery {
  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_ID)
  offset?: number;
}
