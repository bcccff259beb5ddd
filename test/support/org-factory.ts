import { randomBytes } from 'node:crypto';
import { ADMIN_PASSWORD, TestApp } from './test-app';

/** Small helpers that build an organisation through the real HTTP API, as a client would. */
export class OrgFactory {
  private adminToken: string | null = null;

  constructor(private readonly t: TestApp) {}

  static unique(prefix: string): string {
    return `${prefix}${randomBytes(3).toString('hex').toUpperCase()}`;
  }

  async admin(): Promise<string> {
    this.adminToken ??= await this.signIn('admin', ADMIN_PASSWORD);
    return this.adminToken;
  }

  async signIn(username: string, password: string): Promise<string> {
    const res = await this.t.http().post('/api/auth/login').send({ username, password }).expect(200);
    return res.body.accessToken as string;
  }

  async unit(fields: { code?: string; name?: string; category?: string; parentCode?: string; headcount?: number } = {}, token?: string) {
    const res = await this.t
      .http()
      .post('/api/units')
      .auth(token ?? (await this.admin()), { type: 'bearer' })
      .send({ code: OrgFactory.unique('U'), name: 'Đơn vị thử', category: 'other', headcount: 10, ...fields })
      .expect(201);
    return res.body as { id: number; code: string; name: string; parentId: number | null; headcount: number };
  }

  async clan(fields: { code?: string; name?: string; unitCode?: string } = {}) {
    const res = await this.t
      .http()
      .post('/api/clans')
      .auth(await this.admin(), { type: 'bearer' })
      .send({ code: OrgFactory.unique('C'), name: 'Dòng họ thử', ...fields })
      .expect(201);
    return res.body as { id: number; code: string; unitId: number | null };
  }

  async participant(fields: { unitCode: string; staffCode?: string; fullName?: string; clanCode?: string; pin?: string }) {
    const res = await this.t
      .http()
      .post('/api/participants')
      .auth(await this.admin(), { type: 'bearer' })
      .send({ staffCode: OrgFactory.unique('NV'), fullName: 'Nguyễn Văn Thử', pin: '1234', ...fields })
      .expect(201);
    return res.body as { id: number; staffCode: string; fullName: string; unitId: number; clanId: number | null };
  }

  async participantToken(staffCode: string, pin = '1234'): Promise<string> {
    const res = await this.t.http().post('/api/auth/participant').send({ staffCode, pin }).expect(200);
    return res.body.accessToken as string;
  }

  async organiser(unitId: number | undefined, role: 'admin' | 'organiser' = 'organiser') {
    const username = OrgFactory.unique('org-').toLowerCase();
    const password = 'organiser-password';
    await this.t
      .http()
      .post('/api/organisers')
      .auth(await this.admin(), { type: 'bearer' })
      .send({ username, password, role, ...(unitId ? { unitId } : {}) })
      .expect(201);
    return { username, token: await this.signIn(username, password) };
  }

  async screenToken(token?: string): Promise<string> {
    const res = await this.t
      .http()
      .post('/api/screen-tokens')
      .auth(token ?? (await this.admin()), { type: 'bearer' })
      .send({ label: 'Màn hình hội trường' })
      .expect(201);
    return res.body.token as string;
  }
}
