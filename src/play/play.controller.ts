import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Allow, CurrentPrincipal, OrganiserPrincipal, ParticipantPrincipal } from '../access/principal';
import { IdParam } from '../http/id-param';
import { AnswerDto } from './dto/answer.dto';
import { LiveRoundsService } from './live-rounds.service';
import { PlayService } from './play.service';

@ApiTags('play')
@ApiBearerAuth()
@Controller()
export class PlayController {
  constructor(
    private readonly play: PlayService,
    private readonly liveRounds: LiveRoundsService,
  ) {}

  @Allow('participant')
  @Get('me/rounds')
  myRounds(@CurrentPrincipal() me: ParticipantPrincipal) {
    return this.play.myRounds(me.id);
  }

  /** 201 with a new attempt, 200 with the one already started (resumed where it was). */
  @Allow('participant')
  @Post('rounds/:id/attempts')
  async start(@Param() { id }: IdParam, @CurrentPrincipal() me: ParticipantPrincipal, @Res({ passthrough: true }) reply: FastifyReply) {
    const { created, attempt } = await this.play.start(id, me.id);
    reply.status(created ? 201 : 200);
    return { ...attempt };
  }

  @Allow('participant')
  @Get('attempts/:id')
  current(@Param() { id }: IdParam, @CurrentPrincipal() me: ParticipantPrincipal) {
    return this.play.current(id, me.id);
  }

  @Allow('participant')
  @Post('attempts/:id/answers')
  @HttpCode(200)
  answer(@Param() { id }: IdParam, @Body() dto: AnswerDto, @CurrentPrincipal() me: ParticipantPrincipal) {
    // The server's clock, read before anything else: time spent queueing is not the player's.
    const receivedAt = Date.now();
    return this.play.answer(id, me.id, dto, receivedAt);
  }

  @Allow('organiser')
  @Post('rounds/:id/live/next')
  @HttpCode(200)
  next(@Param() { id }: IdParam, @CurrentPrincipal() by: OrganiserPrincipal) {
    return this.liveRounds.next(id, by);
  }
}
