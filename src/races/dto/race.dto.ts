import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { MAX_ID } from '../../http/id-param';
import { IsInstant, IsName } from '../../http/validators';
import type { RevealPolicy, RoundMode } from '../../contract/races';

export class CreateRaceDto {
  @ApiProperty({ example: 'Cuộc đua luyện AI — tháng 6' })
  @IsName()
  name!: string;

  @ApiPropertyOptional({ example: '2025-06-01T00:00:00Z' })
  @IsOptional()
  @IsInstant()
  startsAt?: string;

  @ApiPropertyOptional({ example: '2025-06-30T16:59:59Z' })
  @IsOptional()
  @IsInstant()
  endsAt?: string;

  @ApiPropertyOptional({ description: "The unit whose subtree plays the race; a unit organiser's own unit when left out, the whole district for others" })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  unitId?: number;
}

export class DrawDto {
  @ApiProperty({ minimum: 1, maximum: 100 })
  @IsInt()
  @Min(1)
  @Max(100)
  count!: number;

  @ApiPropertyOptional({ example: 'Lừa đảo trực tuyến' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  topic?: string;
}

export class CreateRoundDto {
  @ApiProperty({ example: 'Vòng 1 — tuần 1' })
  @IsName()
  name!: string;

  @ApiProperty({ enum: ['window', 'live'] })
  @IsIn(['window', 'live'])
  mode!: RoundMode;

  @ApiPropertyOptional({ description: 'Opens by itself at this time (also after a restart)' })
  @IsOptional()
  @IsInstant()
  opensAt?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInstant()
  closesAt?: string;

  @ApiPropertyOptional({ minimum: 5, maximum: 300, default: 30 })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(300)
  secondsPerQuestion?: number;

  @ApiPropertyOptional({ description: 'The same questions for everyone, in this order' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(MAX_ID, { each: true })
  questionIds?: number[];

  @ApiPropertyOptional({ type: DrawDto, description: 'Or questions drawn per participant' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DrawDto)
  draw?: DrawDto;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  speedBonus?: boolean;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  streakBonus?: boolean;

  @ApiPropertyOptional({ enum: ['immediately', 'after_close'], default: 'after_close' })
  @IsOptional()
  @IsIn(['immediately', 'after_close'])
  revealAnswers?: RevealPolicy;
}
