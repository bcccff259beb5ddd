import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';

export const CODE_PATTERN = /^[A-Za-z0-9._-]{1,50}$/;

/**
 * A unit, clan or staff code: 1–50 of A-Z 0-9 . _ -, kept upper case because people type
 * `hamo` and `HAMO` for the same unit.
 */
export const IsCode = () =>
  applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value)),
    IsString(),
    Matches(CODE_PATTERN, { message: ({ property }) => `${property} must be 1 to 50 of A-Z 0-9 . _ -` }),
  );

/** A person's or unit's name: NFC, trimmed, single spaces, 1–200 characters. */
export const IsName = () =>
  applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? value.normalize('NFC').trim().replace(/\s+/g, ' ') : value)),
    IsString(),
    MinLength(1),
    MaxLength(200),
  );

/**
 * A field a PATCH may leave out but not set to null. (@IsOptional lets null through, and a
 * null name would reach a NOT NULL column.)
 */
export const IsOmittable = () => ValidateIf((_object, value) => value !== undefined);
