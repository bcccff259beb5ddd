import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParam } from '../http/id-param';
import { CreateOrganiserDto, UpdateOrganiserDto } from './dto/create-organiser.dto';
import { OrganiserView, OrganisersService } from './organisers.service';
import { Allow } from './principal';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('organisers')
export class OrganisersController {
  constructor(private readonly organisers: OrganisersService) {}

  @Allow('admin')
  @Post()
  create(@Body() dto: CreateOrganiserDto): Promise<OrganiserView> {
    return this.organisers.create(dto);
  }

  @Allow('admin')
  @Get()
  list() {
    return this.organisers.list();
  }

  @Allow('admin')
  @Patch(':id')
  update(@Param() { id }: IdParam, @Body() dto: UpdateOrganiserDto): Promise<OrganiserView> {
    return this.organisers.update(id, dto);
  }
}
