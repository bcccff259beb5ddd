import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MAX_ID } from '../../http/id-param';
import { IsName } from '../../http/validators';
import { OrganiserRole } from '../organiser.entity';

export class CreateOrganiserDto {
  @ApiProperty({ example: 'to-chuc-ha-mo' })
  @IsString()
  @Matches(/^[a-z0-9._-]{3,50}$/, { message: 'username must be 3 to 50 of a-z 0-9 . _ -' })
  username!: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password!: string;

  @ApiProperty({ enum: ['admin', 'organiser'] })
  @IsIn(['admin', 'organiser'])
  role!: OrganiserRole;

  @ApiPropertyOptional({ description: 'Limit the organiser to this unit and the units beneath it; null or left out: the whole district', nullable: true })
  // null means none, as the organiser list shows it; passed on as is it reached the unit lookup, a 500 (found by the fuzz run).
  @Transform(({ value }) => (value === null ? undefined : value))
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  unitId?: number;
}

export class CreateScreenTokenDto {
  // Measured as stored: checked before NFC, 100 × U+0958 became 200 characters, too long for the column (a 500 on PostgreSQL).
  @ApiProperty({ example: 'Hội trường UBND huyện' })
  @IsName(100)
  label!: string;

  @ApiPropertyOptional({ description: "The race the screen shows; when left out, the screen picks the district's open race" })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  raceId?: number;
}
