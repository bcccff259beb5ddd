import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MAX_ID } from '../../http/id-param';
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

  @ApiPropertyOptional({ description: 'Limit the organiser to this unit and the units beneath it' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  unitId?: number;
}

export class CreateScreenTokenDto {
  @ApiProperty({ example: 'Hội trường UBND huyện' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  label!: string;
}
