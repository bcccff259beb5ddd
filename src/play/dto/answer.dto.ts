import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, Max, Min } from 'class-validator';
import { MAX_ID } from '../../http/id-param';
import { HANDLE_LIMIT } from '../choice-handles';

export class AnswerDto {
  @ApiProperty({ example: 42 })
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  questionId!: number;

  @ApiProperty({
    example: [183740219554],
    type: [Number],
    description:
      "The choices' ids as this attempt was served them (opaque handles, below 2^48): one for single and true/false questions; one or more for multiple",
  })
  @IsArray()
  @ArrayMaxSize(20)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(HANDLE_LIMIT - 1, { each: true })
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
