import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MAX_ID } from '../../http/id-param';
import { IsInstant, IsName, IsOmittable } from '../../http/validators';
import { OrganiserRole } from '../../access/principal';

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
  @Transform(({ value }: { value: unknown }) => (value === null ? undefined : value))
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

  @ApiPropertyOptional({ description: 'When the token stops working (ISO-8601); left out: until revoked' })
  @IsOptional()
  @IsInstant()
  expiresAt?: string;
}

export class UpdateOrganiserDto {
  @ApiPropertyOptional({ description: 'false disables the account: it cannot sign in and its tokens and screens stop at once' })
  @IsOmittable()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ minLength: 10, description: "A new password set by the admin; ends the organiser's sessions" })
  @IsOmittable()
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password?: string;

  @ApiPropertyOptional({ description: 'The unit whose subtree the organiser manages; null for the whole district', nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  unitId?: number | null;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  currentPassword!: string;

  @ApiProperty({ minLength: 10, description: 'At least 10 characters, not the username' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  newPassword!: string;
}
