import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsCode, IsName, IsOmittable, IsQueryBoolean } from '../../http/validators';
import type { UnitCategory } from '../../contract/org';
import { UNIT_CATEGORIES } from '../unit.entity';

export class CreateUnitDto {
  @ApiProperty({ example: 'HAMO' })
  @IsCode()
  code!: string;

  @ApiProperty({ example: 'UBND xã Hạ Mỗ' })
  @IsName()
  name!: string;

  @ApiProperty({ enum: UNIT_CATEGORIES })
  @IsIn(UNIT_CATEGORIES)
  category!: UnitCategory;

  @ApiPropertyOptional({ example: 'DP' })
  @IsOptional()
  @IsCode()
  parentCode?: string;

  @ApiProperty({ example: 42 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  headcount!: number;
}

export class UpdateUnitDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsName()
  name?: string;

  @ApiPropertyOptional({ enum: UNIT_CATEGORIES })
  @IsOmittable()
  @IsIn(UNIT_CATEGORIES)
  category?: UnitCategory;

  @ApiPropertyOptional({ description: 'Move under this unit; null makes it a root (admins only)', nullable: true })
  @IsOptional()
  @IsCode()
  parentCode?: string | null;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  headcount?: number;
}

export class MergeUnitDto {
  @ApiProperty({ description: 'The unit that absorbs this one' })
  @IsCode()
  intoCode!: string;
}

export class ListUnitsQuery {
  @ApiPropertyOptional({ enum: UNIT_CATEGORIES })
  @IsOptional()
  @IsIn(UNIT_CATEGORIES)
  category?: UnitCategory;

  @ApiPropertyOptional({ description: 'Also list units merged into others' })
  @IsQueryBoolean()
  includeMerged?: boolean;
}

export class CreateClanDto {
  @ApiProperty({ example: 'LEHUU-HAMO' })
  @IsCode()
  code!: string;

  @ApiProperty({ example: 'Dòng họ Lê Hữu (Hạ Mỗ)' })
  @IsName()
  name!: string;

  @ApiPropertyOptional({ example: 'HAMO' })
  @IsOptional()
  @IsCode()
  unitCode?: string;
}

export class UpdateClanDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsName()
  name?: string;

  @ApiPropertyOptional({ nullable: true, description: 'Attach to this unit; null makes it a district clan (district-wide organisers only)' })
  @IsOptional()
  @IsCode()
  unitCode?: string | null;
}

export class ListClansQuery {
  @ApiPropertyOptional({ description: 'Also the clans of the units above and of the district: those the organiser may put their people into' })
  @IsQueryBoolean()
  joinable?: boolean;
}

export class ImportQuery {
  @ApiPropertyOptional({ description: 'Check the file and report what would change, writing nothing' })
  @IsQueryBoolean()
  dryRun?: boolean;
}
