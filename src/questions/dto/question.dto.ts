import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { QuestionType } from '../../contract/play';
import { MAX_ID } from '../../http/id-param';
import { IsOmittable, IsQueryBoolean, PageQuery } from '../../http/validators';
import { QUESTION_TYPES } from '../question.entity';

export class ChoiceDto {
  @ApiProperty({ example: 'Đối chiếu với nguồn chính thức' })
  @IsString()
  @MaxLength(1000)
  text!: string;

  @ApiProperty()
  @IsBoolean()
  correct!: boolean;
}

export class CreateQuestionDto {
  @ApiProperty({ enum: QUESTION_TYPES })
  @IsIn(QUESTION_TYPES)
  type!: QuestionType;

  @ApiProperty({ example: 'Khi trợ lý AI đưa ra một số liệu, bạn nên làm gì?' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  text!: string;

  @ApiProperty({ type: [ChoiceDto], minItems: 2, maxItems: 8 })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(8)
  @ValidateNested({ each: true })
  @Type(() => ChoiceDto)
  choices!: ChoiceDto[];

  @ApiPropertyOptional({ example: 'Trợ lý AI' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  topic?: string | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 3, default: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3)
  difficulty?: number;

  @ApiPropertyOptional({ description: 'Shown after the round closes' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  explanation?: string | null;

  @ApiPropertyOptional({
    description: "The unit that owns it, within the caller's scope; the caller's own unit when absent (the district's for district organisers)",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  unitId?: number;
}

export class UpdateQuestionDto {
  @ApiPropertyOptional({ enum: QUESTION_TYPES })
  @IsOmittable()
  @IsIn(QUESTION_TYPES)
  type?: QuestionType;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  text?: string;

  @ApiPropertyOptional({ type: [ChoiceDto] })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(8)
  @ValidateNested({ each: true })
  @Type(() => ChoiceDto)
  choices?: ChoiceDto[];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  topic?: string | null;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(3)
  difficulty?: number;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  explanation?: string | null;

  @ApiPropertyOptional({ description: 'false brings a retired question back' })
  @IsOmittable()
  @IsBoolean()
  retired?: boolean;
}

export class ListQuestionsQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  topic?: string;

  @ApiPropertyOptional()
  @IsQueryBoolean()
  includeRetired?: boolean;

  @ApiPropertyOptional({ description: 'Only the questions the caller owns (may edit)' })
  @IsQueryBoolean()
  own?: boolean;
}

/** A new version: the fields that change, as in a PATCH; the rest is copied from the old question. */
export class VersionQuestionDto extends OmitType(UpdateQuestionDto, ['retired'] as const) {}

export const IMPORT_FORMATS = ['csv', 'xlsx', 'aiken', 'gift', 'docx'] as const;
export type QuestionFileFormat = (typeof IMPORT_FORMATS)[number];

export class ImportQuestionsQuery {
  @ApiPropertyOptional({ enum: IMPORT_FORMATS, description: 'Taken from the file name when absent' })
  @IsOptional()
  @IsIn(IMPORT_FORMATS)
  format?: QuestionFileFormat;

  @ApiPropertyOptional()
  @IsQueryBoolean()
  dryRun?: boolean;
}

export class ExportQuestionsQuery {
  @ApiProperty({ enum: ['csv', 'xlsx'] })
  @IsIn(['csv', 'xlsx'])
  format!: 'csv' | 'xlsx';

  @ApiPropertyOptional()
  @IsQueryBoolean()
  includeRetired?: boolean;
}
