import { INestApplicationContext } from '@nestjs/common';
import { getRepositoryToken } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Organiser } from '../src/auth/organiser.entity';
import { OrganisersService } from '../src/auth/organisers.service';
import { OrganiserPrincipal } from '../src/access/principal';
import { ScreenToken } from '../src/auth/screen-token.entity';
import { TokensService } from '../src/access/tokens.service';
import { Clan } from '../src/org/clan.entity';
import { RosterImportService } from '../src/org/roster-import.service';
import { Unit } from '../src/org/unit.entity';
import { QuestionsService } from '../src/questions/questions.service';
import { Race } from '../src/races/race.entity';
import type { RoundView } from '../src/contract/races';
import { RacesService } from '../src/races/races.service';
import { QUESTION_BANK } from './cau-hoi-ky-nang-so';
import { danPhuongDistrict } from './dan-phuong';

export const DEMO_PIN = '1234';
export const DEMO_ORGANISER = { username: 'hamo', password: 'demo-hamo-2025', unitCode: 'HAMO' };
const SCREEN_LABEL = 'Màn hình hội trường (demo)';

const SYSTEM: OrganiserPrincipal = { kind: 'organiser', id: 0, role: 'admin', unitId: null, scopePath: null };

export interface DemoSeed {
  units: number;
  participants: number;
  questions: number;
  round: RoundView;
  sampleStaffCodes: string[];
  organiser: { username: string; password: string; unitName: string } | null;
  screenToken: string;
}

/**
 * Loads the demo district through the same import the console uses; safe to run on every start
 * (imports update, organisers and clans are made once).
 */
export async function seedDemo(app: INestApplicationContext): Promise<DemoSeed> {
  const district = danPhuongDistrict();
  const imports = app.get(RosterImportService);
  const units = app.get<Repository<Unit>>(getRepositoryToken(Unit));
  const clans = app.get<Repository<Clan>>(getRepositoryToken(Clan));

  await imports.importUnits(
    district.units.map((unit, index) => ({
      row: index + 2,
      values: { code: unit.code, name: unit.name, category: unit.category, parentCode: unit.parentCode ?? '', headcount: String(unit.headcount) },
    })),
    SYSTEM,
    false,
  );
  for (const clan of district.clans) {
    if (await clans.existsBy({ code: clan.code })) continue;
    const unit = clan.unitCode ? await units.findOneByOrFail({ code: clan.unitCode }) : null;
    await clans.insert({ code: clan.code, name: clan.name, unitId: unit?.id ?? null, createdAt: Date.now() });
  }
  await imports.importParticipants(
    district.participants.map((p, index) => ({
      row: index + 2,
      values: { staffCode: p.staffCode, fullName: p.fullName, unitCode: p.unitCode, clanCode: p.clanCode ?? '', pin: DEMO_PIN },
    })),
    SYSTEM,
    false,
  );

  // Questions already in the bank are skipped, so this is safe on every start.
  await app.get(QuestionsService).import({ questions: QUESTION_BANK.map((question, index) => ({ place: { row: index + 1 }, question })), problems: [] }, false);

  const round = await demoRound(app);

  return {
    round,
    units: district.units.length,
    participants: district.participants.length,
    questions: QUESTION_BANK.length,
    sampleStaffCodes: samples(district),
    organiser: await demoOrganiser(app, units),
    screenToken: await demoScreen(app),
  };
}

/** One participant from a commune, a school, an office and the Lê Hữu clan, to try each board. */
function samples(district: ReturnType<typeof danPhuongDistrict>): string[] {
  const categoryOf = new Map(district.units.map((unit) => [unit.code, unit.category]));
  const pick = (test: (p: (typeof district.participants)[number]) => boolean) => district.participants.find(test)?.staffCode;
  return [
    pick((p) => p.clanCode === 'LEHUU-HAMO'),
    pick((p) => categoryOf.get(p.unitCode) === 'commune' && p.clanCode === null),
    pick((p) => categoryOf.get(p.unitCode) === 'school'),
    pick((p) => categoryOf.get(p.unitCode) === 'district_office'),
  ].filter((code): code is string => code !== undefined);
}

async function demoOrganiser(app: INestApplicationContext, units: Repository<Unit>): Promise<DemoSeed['organiser']> {
  const unit = await units.findOneBy({ code: DEMO_ORGANISER.unitCode });
  if (!unit) return null;
  const organisers = app.get<Repository<Organiser>>(getRepositoryToken(Organiser));
  if (!(await organisers.existsBy({ username: DEMO_ORGANISER.username }))) {
    await app.get(OrganisersService).create({ username: DEMO_ORGANISER.username, password: DEMO_ORGANISER.password, role: 'organiser', unitId: unit.id });
  }
  return { username: DEMO_ORGANISER.username, password: DEMO_ORGANISER.password, unitName: unit.name };
}

async function demoScreen(app: INestApplicationContext): Promise<string> {
  const screens = app.get<Repository<ScreenToken>>(getRepositoryToken(ScreenToken));
  const existing = await screens.findOneBy({ label: SCREEN_LABEL });
  if (existing && existing.revokedAt === null) return app.get(TokensService).sign('screen', existing.id).token;
  const admin = await app.get<Repository<Organiser>>(getRepositoryToken(Organiser)).findOneByOrFail({ username: 'admin' });
  const by: OrganiserPrincipal = { kind: 'organiser', id: admin.id, role: 'admin', unitId: null, scopePath: null };
  return (await app.get(OrganisersService).createScreenToken(SCREEN_LABEL, by)).token;
}

const DEMO_RACE = 'Cuộc đua luyện AI — Đan Phượng (demo)';
const WEEK_MS = 7 * 24 * 3600 * 1000;

/** The demo race and its open weekly round, drawing 10 questions per participant from the bank. */
async function demoRound(app: INestApplicationContext): Promise<RoundView> {
  const races = app.get(RacesService);
  const by = SYSTEM;
  const existing = await app.get<Repository<Race>>(getRepositoryToken(Race)).findOneBy({ name: DEMO_RACE });
  const race = existing ? await races.getRace(existing.id, by) : await races.createRace({ name: DEMO_RACE }, by);
  const live = race.rounds.find((round) => round.status === 'open');
  if (live) return live;
  const round = await races.createRound(
    race.id,
    {
      name: `Vòng ${race.rounds.length + 1}: kỹ năng số và AI`,
      mode: 'window',
      draw: { count: 10 },
      closesAt: new Date(Date.now() + WEEK_MS).toISOString(),
    },
    by,
  );
  return races.act(round.id, 'open');
}
