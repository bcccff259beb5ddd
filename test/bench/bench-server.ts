import { Body, Controller, Module, Post } from '@nestjs/common';
import { IsInt, IsString, MaxLength, Min } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Public } from '../../src/access/principal';
import { configOrExit, start } from '../../src/main';

class BenchInsertDto {
  @IsString()
  @MaxLength(100)
  value!: string;

  @IsInt()
  @Min(0)
  n!: number;
}

/** The reference the hot paths are measured against: a validated POST doing one insert. */
@Public()
@Controller('bench')
class BenchController {
  constructor(private readonly dataSource: DataSource) {}

  @Post('insert')
  async insert(@Body() body: BenchInsertDto): Promise<{ ok: true }> {
    const sql =
      this.dataSource.options.type === 'postgres'
        ? 'INSERT INTO app_state (key, value, updated_at) VALUES ($1, $2, $3)'
        : 'INSERT INTO app_state (key, value, updated_at) VALUES (?, ?, ?)';
    await this.dataSource.query(sql, [randomUUID(), body.value, Date.now()]);
    return { ok: true };
  }
}

@Module({ controllers: [BenchController] })
class BenchModule {}

start(configOrExit(), { extraModules: [BenchModule] }).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
