import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Allow, CurrentPrincipal, ParticipantPrincipal, Principal } from '../auth/principal';
import { LimitReads } from '../auth/read-limits';
import { IdParam } from '../http/id-param';
import type { BoardName } from '../contract/boards';
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
  constructor(private readonly boards: BoardsService) {}

  @Allow('participant')
  @LimitReads('board')
  @Get('leaderboards/individuals/me')
  me(@Query() query: BoardQueryDto, @CurrentPrincipal() me: ParticipantPrincipal) {
    return this.boards.aroundMe(query, me.id);
  }

  @Allow('participant', 'organiser', 'screen')
  @LimitReads('board')
  @Get('leaderboards/:board')
  board(@Param() { board }: BoardParam, @Query() query: BoardQueryDto, @CurrentPrincipal() reader: Principal) {
    return this.boards.board({ board, ...query }, reader);
  }

  /** Recomputes a race's standings from the answer log (after a fix by hand, say). */
  @Allow('admin')
  @Post('races/:id/standings/rebuild')
  @HttpCode(200)
  async rebuild(@Param() { id }: IdParam) {
    await this.boards.rebuildStandings(id);
    return { raceId: id, rebuilt: true };
  }
}
