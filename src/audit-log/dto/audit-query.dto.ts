import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_ID } from '../../http/id-param';
import { IsInstant } from '../../http/validators';

/** Which events: by action, unit subtree and time (filters of both the list and the CSV). */
export class AuditFilterQuery {
  @ApiPropertyOptional({ description: 'an action (`unit.update`) or a family ending in a dot (`unit.`)' })
  @IsOptional()
  @MaxLength(64)
  @Matches(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*\.?$/, { message: 'action must be an action such as unit.update, or a family such as unit.' })
  action?: string;

  @ApiPropertyOptional({ description: 'only events of this unit and the units beneath it' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  unitId?: number;

  @ApiPropertyOptional({ description: 'from this instant, or from the start of this date in Vietnam (YYYY-MM-DD)' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'up to this instant, or to the end of this date in Vietnam (YYYY-MM-DD)' })
  @IsOptional()
  @IsInstant()
  to?: string;
}

export class AuditQuery extends AuditFilterQuery {
  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_ID)
  offset?: number;
}
