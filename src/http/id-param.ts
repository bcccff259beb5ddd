import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** Ids are 32-bit integers in both databases; a larger one is simply unknown. */
export const MAX_ID = 2_147_483_647;

export class IdParam {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  id!: number;
}
