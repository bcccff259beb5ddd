import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { LIVE_EXTENSIONS, LiveExtension } from '../../contract/play';

export class LiveExtendDto {
  @ApiProperty({ enum: LIVE_EXTENSIONS, example: 20, description: 'Seconds added to the question on now, for everyone' })
  @IsIn(LIVE_EXTENSIONS, { message: `seconds must be one of ${LIVE_EXTENSIONS.join(', ')}` })
  seconds!: LiveExtension;
}
