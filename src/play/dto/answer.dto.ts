import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, Max, Min } from 'class-validator';
import { MAX_ID } from '../../http/id-param';

export class AnswerDto {
  @ApiProperty({ example: 42 })
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  questionId!: number;

  @ApiProperty({ example: [7], type: [Number], description: 'One id for single and true/false questions; one or more for multiple' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(MAX_ID, { each: true })
  choiceIds!: number[];
}

/** `live:answer` on the socket: the HTTP answer plus the round it belongs to. */
export class LiveAnswerDto extends AnswerDto {
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  roundId!: number;
}

/** `live:join` on the socket. */
export class LiveJoinDto {
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  roundId!: number;
}
