import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_ID } from '../../http/id-param';
import type { UnitSort } from '../../contract/boards';
import { UNIT_SORTS } from '../board-rules';

/** Which board to read: of a race or of a round, a page of it, a subtree, an order. */
export class BoardQueryDto {
  @ApiPropertyOptional({ description: 'a race id (give race or round)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  race?: number;

  @ApiPropertyOptional({ description: 'a round id (give race or round)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  round?: number;

  @ApiPropertyOptional({ default: 20, maximum: 500 })
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
  @Max(10_000_000)
  offset?: number;

  @ApiPropertyOptional({ description: 'only this unit and the units beneath it' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  unitId?: number;

  @ApiPropertyOptional({ enum: UNIT_SORTS, default: 'participation' })
  @IsOptional()
  @IsIn(UNIT_SORTS)
  sort?: UnitSort;
}
