import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AnswerReply, AttemptView, LiveExtend, LiveNextReply, MyRound } from '../contract/play';
import { arrayOf } from '../http/response-schema';
import { ANSWER_REPLY, ATTEMPT_VIEW, LIVE_EXTEND, LIVE_NEXT_REPLY, MY_ROUND } from './play.schemas';
import { FastifyReply } from 'fastify';
import { Allow, CurrentPrincipal, OrganiserPrincipal, ParticipantPrincipal } from '../access/principal';
import { IdParam } from '../http/id-param';
import { AnswerDto } from './dto/answer.dto';
import { LiveExtendDto } from './dto/live-extend.dto';
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
  @ApiOkResponse({ schema: arrayOf(MY_ROUND) })
  myRounds(@CurrentPrincipal() me: ParticipantPrincipal): Promise<MyRound[]> {
    return this.play.myRounds(me.id);
  }

  /** 201 with a new attempt, 200 with the one already started (resumed where it was). */
  @Allow('participant')
  @Post('rounds/:id/attempts')
  @ApiCreatedResponse({ schema: ATTEMPT_VIEW, description: 'A new attempt' })
  @ApiOkResponse({ schema: ATTEMPT_VIEW, description: 'The attempt already started, resumed' })
  async start(@Param() { id }: IdParam, @CurrentPrincipal() me: ParticipantPrincipal, @Res({ passthrough: true }) reply: FastifyReply): Promise<AttemptView> {
    const { created, attempt } = await this.play.start(id, me.id);
    reply.status(created ? 201 : 200);
    return { ...attempt };
  }

  @Allow('participant')
  @Get('attempts/:id')
  @ApiOkResponse({ schema: ATTEMPT_VIEW })
  current(@Param() { id }: IdParam, @CurrentPrincipal() me: ParticipantPrincipal): Promise<AttemptView> {
    return this.play.current(id, me.id);
  }

  @Allow('participant')
  @Post('attempts/:id/answers')
  @HttpCode(200)
  @ApiOkResponse({ schema: ANSWER_REPLY })
  answer(@Param() { id }: IdParam, @Body() dto: AnswerDto, @CurrentPrincipal() me: ParticipantPrincipal): Promise<AnswerReply> {
    // The server's clock, read before anything else: time spent queueing is not the player's.
    const receivedAt = Date.now();
    return this.play.answer(id, me.id, dto, receivedAt);
  }

  @Allow('organiser')
  @Post('rounds/:id/live/next')
  @HttpCode(200)
  @ApiOkResponse({ schema: LIVE_NEXT_REPLY })
  next(@Param() { id }: IdParam, @CurrentPrincipal() by: OrganiserPrincipal): Promise<LiveNextReply> {
    return this.liveRounds.next(id, by);
  }

  /** More time for the question on now, for everyone: every phone's deadline and the reveal move. */
  @Allow('organiser')
  @Post('rounds/:id/live/extend')
  @HttpCode(200)
  @ApiOkResponse({ schema: LIVE_EXTEND })
  extend(@Param() { id }: IdParam, @Body() dto: LiveExtendDto, @CurrentPrincipal() by: OrganiserPrincipal): Promise<LiveExtend> {
    return this.liveRounds.extend(id, dto.seconds, by);
  }
}
