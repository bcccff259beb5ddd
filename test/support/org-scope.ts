import { OrgFactory } from './org-factory';
import { sql } from './sql';
import { TestApp, startTestApp } from './test-app';

export interface AuditRow {
  id: number;
  action: string;
  actor_kind: string;
  actor_id: number | null;
  actor_name: string | null;
  target_kind: string;
  target_id: number | null;
  unit_path: string | null;
  before: string | null;
  after: string | null;
}

export const json = (text: string | null) => (text === null ? null : JSON.parse(text));

/**
 * What the organiser-scope specs each start for themselves (jest runs each file in its own worker):
 * the app, a factory, the admin's token, and reads of the audit log. The helpers are arrow fields,
 * so a spec may take them apart before `start` has run.
 */
export class OrgScopeApp {
  t!: TestApp;
  make!: OrgFactory;
  admin!: string;

  async start(): Promise<this> {
    this.t = await startTestApp();
    this.make = new OrgFactory(this.t);
    this.admin = await this.make.admin();
    return this;
  }

  close(): Promise<void> {
    return this.t.close();
  }

  readonly as = (token: string) => ({
    get: (url: string) => this.t.http().get(url).auth(token, { type: 'bearer' }),
    post: (url: string) => this.t.http().post(url).auth(token, { type: 'bearer' }),
    patch: (url: string) => this.t.http().patch(url).auth(token, { type: 'bearer' }),
  });

  readonly audit = (where: string, params: unknown[]) => sql<AuditRow>(this.t, `SELECT * FROM audit_event WHERE ${where} ORDER BY id`, params);
  readonly lastAuditId = async () => Number((await sql<{ n: number | null }>(this.t, 'SELECT MAX(id) AS n FROM audit_event'))[0].n ?? 0);

  /** A commune with two schools, an organiser for the commune and one for each school. */
  readonly district = async () => {
    const make = this.make;
    const root = await make.unit({ category: 'district_office', headcount: 0 });
    const commune = await make.unit({ category: 'commune', parentCode: root.code, headcount: 30 });
    const school = await make.unit({ name: 'Trường TH Hạ Mỗ', category: 'school', parentCode: commune.code, headcount: 100 });
    const otherSchool = await make.unit({ name: 'Trường MN Tân Hội', category: 'school', parentCode: commune.code, headcount: 40 });
    return {
      root,
      commune,
      school,
      otherSchool,
      communeOrganiser: await make.organiser(commune.id),
      schoolOrganiser: await make.organiser(school.id),
      otherOrganiser: await make.organiser(otherSchool.id),
    };
  };
}
