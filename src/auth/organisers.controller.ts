import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { OrganiserView } from '../contract/auth';
import { arrayOf } from '../http/response-schema';
import { IdParam } from '../http/id-param';
import { ORGANISER_VIEW } from './auth.schemas';
import { CreateOrganiserDto, UpdateOrganiserDto } from './dto/create-organiser.dto';
import { OrganisersService } from './organisers.service';
import { Allow } from '../access/principal';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('organisers')
export class OrganisersController {
  constructor(private readonly organisers: OrganisersService) {}

  @Allow('admin')
  @Post()
  @ApiCreatedResponse({ schema: ORGANISER_VIEW })
  create(@Body() dto: CreateOrganiserDto): Promise<OrganiserView> {
    return this.organisers.create(dto);
  }

  @Allow('admin')
  @Get()
  @ApiOkResponse({ schema: arrayOf(ORGANISER_VIEW) })
  list(): Promise<OrganiserView[]> {
    return this.organisers.list();
  }

  @Allow('admin')
  @Patch(':id')
  @ApiOkResponse({ schema: ORGANISER_VIEW })
  update(@Param() { id }: IdParam, @Body() dto: UpdateOrganiserDto): Promise<OrganiserView> {
    return this.organisers.update(id, dto);
  }
}
