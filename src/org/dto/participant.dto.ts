import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateBy, buildMessage } from 'class-validator';
import { TIME_MULTIPLIERS, TimeMultiplier } from '../../contract/org';
import { MAX_ID } from '../../http/id-param';
import { IsCode, IsName, IsOmittable, PageQuery } from '../../http/validators';
import { searchKey } from '../names';

export const PIN_PATTERN = /^\d{4,8}$/;

/**
 * The name's search key is stored in 200 characters as well, and can be longer than the name: a
 * Hangul syllable is two letters without its composition (200 of them were a 500 on PostgreSQL).
 * Reported as the name's own length rule, which it is from the caller's side.
 */
const FitsSearchKey = () =>
  ValidateBy({
    name: 'maxLength',
    validator: {
      validate: (value) => typeof value !== 'string' || searchKey(value).length <= 200,
      defaultMessage: buildMessage((each) => `${each}$property must be shorter than or equal to 200 characters`),
    },
  });

export class CreateParticipantDto {
  @ApiProperty({ example: 'NV00001' })
  @IsCode()
  staffCode!: string;

  @ApiProperty({ example: 'Nguyễn Thị Ánh Tuyết' })
  @IsName()
  @FitsSearchKey()
  fullName!: string;

  @ApiProperty({ example: 'HAMO' })
  @IsCode()
  unitCode!: string;

  @ApiPropertyOptional({ example: 'LEHUU-HAMO' })
  @IsOptional()
  @IsCode()
  clanCode?: string;

  @ApiPropertyOptional({ example: '2468', description: '4 to 8 digits; without one the participant signs in by join link' })
  @IsOptional()
  @IsString()
  @Matches(PIN_PATTERN, { message: 'pin must be 4 to 8 digits' })
  pin?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateParticipantDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsName()
  @FitsSearchKey()
  fullName?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsCode()
  unitCode?: string;

  @ApiPropertyOptional({ nullable: true, description: 'null leaves the clan' })
  @IsOptional()
  @IsCode()
  clanCode?: string | null;

  @ApiPropertyOptional({ description: 'A new PIN also lifts a lock' })
  @IsOmittable()
  @IsString()
  @Matches(PIN_PATTERN, { message: 'pin must be 4 to 8 digits' })
  pin?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    enum: TIME_MULTIPLIERS,
    description: 'Times the ordinary time per question in window rounds; in live rounds, no speed penalty above 1. An attempt keeps the figure it began with.',
  })
  @IsOmittable()
  @IsIn(TIME_MULTIPLIERS, { message: `timeMultiplier must be one of ${TIME_MULTIPLIERS.join(', ')}` })
  timeMultiplier?: TimeMultiplier;
}

export class ListParticipantsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'This unit and the units beneath it' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  unitId?: number;

  @ApiPropertyOptional({ description: 'Name (diacritics optional) or staff code' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class JoinLinkDto {
  @ApiPropertyOptional({ default: 30, minimum: 1, maximum: 365, description: 'How many days the link works (it also stops when the PIN changes)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  validDays?: number;
}
