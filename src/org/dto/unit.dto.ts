import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { UNIT_CATEGORIES, UnitCategory } from '../unit.entity';

export const CODE_PATTERN = /^[A-Za-z0-9._-]{1,50}$/;
export const CODE_MESSAGE = (field: string) => `${field} must be 1 to 50 of A-Z 0-9 . _ -`;

/** Codes are matched without regard to case, so they are kept upper case. */
export const toCode = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);
export const toText = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.normalize('NFC').trim().replace(/\s+/g, ' ') : value);

export class CreateUnitDto {
  @ApiProperty({ example: 'HAMO' })
  @Transform(toCode)
  @IsString()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE('code') })
  code!: string;

  @ApiProperty({ example: 'UBND xã Hạ Mỗ' })
  @Transform(toText)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: UNIT_CATEGORIES })
  @IsIn(UNIT_CATEGORIES)
  category!: UnitCategory;

  @ApiPropertyOptional({ example: 'DP' })
  @IsOptional()
  @Transform(toCode)
  @IsString()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE('parentCode') })
  parentCode?: string;

  @ApiProperty({ example: 42 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  headcount!: number;
}

export class UpdateUnitDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toText)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: UNIT_CATEGORIES })
  @IsOptional()
  @IsIn(UNIT_CATEGORIES)
  category?: UnitCategory;

  @ApiPropertyOptional({ description: 'Move under this unit; null makes it a root (admins only)', nullable: true })
  @IsOptional()
  @Transform(toCode)
  @IsString()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE('parentCode') })
  parentCode?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  headcount?: number;
}

export class MergeUnitDto {
  @ApiProperty({ description: 'The unit that absorbs this one' })
  @Transform(toCode)
  @IsString()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE('intoCode') })
  intoCode!: string;
}

export class ListUnitsQuery {
  @ApiPropertyOptional({ enum: UNIT_CATEGORIES })
  @IsOptional()
  @IsIn(UNIT_CATEGORIES)
  category?: UnitCategory;

  @ApiPropertyOptional({ description: 'Also list units merged into others' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeMerged?: boolean;
}

export class CreateClanDto {
  @ApiProperty({ example: 'LEHUU-HAMO' })
  @Transform(toCode)
  @IsString()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE('code') })
  code!: string;

  @ApiProperty({ example: 'Dòng họ Lê Hữu (Hạ Mỗ)' })
  @Transform(toText)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: 'HAMO' })
  @IsOptional()
  @Transform(toCode)
  @IsString()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE('unitCode') })
  unitCode?: string;
}

export class ImportQuery {
  @ApiPropertyOptional({ description: 'Check the file and report what would change, writing nothing' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value))
  @IsBoolean()
  dryRun?: boolean;
}
