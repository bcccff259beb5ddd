import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class OrganiserSignInDto {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  username!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}

export class ParticipantSignInDto {
  @ApiProperty({ example: 'NV00001' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  staffCode!: string;

  @ApiProperty({ example: '1234', description: '4 to 8 digits' })
  @IsString()
  @Matches(/^\d{4,8}$/, { message: 'pin must be 4 to 8 digits' })
  pin!: string;
}

export class JoinDto {
  @ApiProperty({ description: 'The token of a join link' })
  @IsString()
  @MinLength(10)
  @MaxLength(2000)
  token!: string;
}
