import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Allow, CurrentPrincipal, ParticipantPrincipal, Principal } from '../access/principal';
import { LimitReads } from '../access/read-limits';
import { IdParam } from '../http/id-param';
import { StandingsService } from '../standings/standings.service';
import type { BoardAroundMe, BoardName, BoardReply } from '../contract/boards';
import { BOARD_AROUND_ME, BOARD_REPLY, REBUILT } from './board.schemas';
import { BOARDS } from './board-rules';
import { BoardsService } from './boards.service';
import { BoardQueryDto } from './dto/board-query.dto';

class BoardParam {
  @IsIn(BOARDS)
  board!: BoardName;
}

@ApiTags('leaderboards')
@ApiBearerAuth()
@Controller()
export class BoardsController {
  constructor(
    private readonly boards: BoardsService,
    private readonly standings: StandingsService,
  ) {}

  @Allow('participant')
  @LimitReads('board')
  @Get('leaderboards/individuals/me')
  @ApiOkResponse({ schema: BOARD_AROUND_ME })
  me(@Query() query: BoardQueryDto, @CurrentPrincipal() me: ParticipantPrincipal): Promise<BoardAroundMe> {
    return this.boards.aroundMe(query, me.id);
  }

  @Allow('participant', 'organiser', 'screen')
  @LimitReads('board')
  @Get('leaderboards/:board')
  @ApiOkResponse({ schema: BOARD_REPLY })
  board(@Param() { board }: BoardParam, @Query() query: BoardQueryDto, @CurrentPrincipal() reader: Principal): Promise<BoardReply> {
    return this.boards.board({ board, ...query }, reader);
  }

  /** Recomputes a race's standings from the answer log (after a fix by hand, say). */
  @Allow('admin')
  @Post('races/:id/standings/rebuild')
  @HttpCode(200)
  @ApiOkResponse({ schema: REBUILT })
  async rebuild(@Param() { id }: IdParam): Promise<{ raceId: number; rebuilt: true }> {
    await this.standings.rebuild(id);
    return { raceId: id, rebuilt: true };
  }
}
