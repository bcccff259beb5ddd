import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import type { OrganiserSession, ParticipantSession } from '../contract/auth';
import { ORGANISER_SESSION, PARTICIPANT_SESSION, PRINCIPAL } from './auth.schemas';
import { AuthService } from './auth.service';
import { ChangePasswordDto } from './dto/create-organiser.dto';
import { JoinDto, OrganiserSignInDto, ParticipantSignInDto } from './dto/sign-in.dto';
import { OrganisersService } from './organisers.service';
import { Allow, CurrentPrincipal, OrganiserPrincipal, ParticipantPrincipal, Principal, Public } from '../access/principal';

const bearerToken = (request: FastifyRequest) => /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly organisers: OrganisersService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ schema: ORGANISER_SESSION })
  login(@Body() dto: OrganiserSignInDto, @Req() request: FastifyRequest): Promise<OrganiserSession> {
    return this.auth.signInOrganiser(dto.username, dto.password, request.ip);
  }

  @Public()
  @Post('participant')
  @HttpCode(200)
  @ApiOkResponse({ schema: PARTICIPANT_SESSION })
  participant(@Body() dto: ParticipantSignInDto, @Req() request: FastifyRequest): Promise<ParticipantSession> {
    return this.auth.signInParticipant(dto.staffCode, dto.pin, request.ip);
  }

  @Public()
  @Post('join')
  @HttpCode(200)
  @ApiOkResponse({ schema: PARTICIPANT_SESSION })
  join(@Body() dto: JoinDto): Promise<ParticipantSession> {
    return this.auth.join(dto.token);
  }

  /** An organiser's own password; the caller's session goes on, every other one ends. */
  @ApiBearerAuth()
  @Allow('organiser')
  @Post('password')
  @HttpCode(204)
  @ApiNoContentResponse()
  async password(@Body() dto: ChangePasswordDto, @CurrentPrincipal() by: OrganiserPrincipal, @Req() request: FastifyRequest): Promise<void> {
    const sessionId = this.auth.verifyAccessToken(bearerToken(request))?.sessionId ?? null;
    await this.organisers.changePassword(by, sessionId, dto, request.ip);
  }

  /** Ends every token of the caller's (this one too) and closes their sockets. */
  @ApiBearerAuth()
  @Allow('organiser', 'participant')
  @Post('sign-out-everywhere')
  @HttpCode(204)
  @ApiNoContentResponse()
  async signOutEverywhere(@CurrentPrincipal() who: OrganiserPrincipal | ParticipantPrincipal): Promise<void> {
    await this.auth.signOutEverywhere({ kind: who.kind, id: who.id });
  }

  @ApiBearerAuth()
  @Allow('organiser', 'participant', 'screen')
  @Get('me')
  @ApiOkResponse({ schema: PRINCIPAL })
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}
