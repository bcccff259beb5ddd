import { DataSource, FindOptionsWhere } from 'typeorm';
import { AuditEvent } from '../../src/audit/audit-event.entity';
import { OrgFactory } from './org-factory';
import { TestApp, startTestApp } from './test-app';

export interface Choice {
  id: number;
  text: string;
  correct?: boolean;
}
export interface Made {
  id: number;
  text: string;
  unitId: number | null;
  editable: boolean;
  explanation?: string | null;
  retired: boolean;
  replaces: number | null;
  replacedBy: number | null;
  choices: Choice[];
}

/** A single-answer question's body, on one topic, with an explanation. */
export const ask = (text: string, choices: [string, boolean][], extra: object = {}) => ({
  type: 'single',
  text,
  choices: choices.map(([choice, correct]) => ({ text: choice, correct })),
  topic: 'Phạm vi câu hỏi',
  explanation: 'Giải thích đáp án đúng của câu hỏi này.',
  ...extra,
});

/**
 * What the question-scope specs each start for themselves (jest runs each file in its own worker):
 * the app, a factory, the admin's token, requests in English, and the audit log. The helpers are
 * arrow fields, so a spec may take them apart before `start` has run.
 */
export class QuestionScopeApp {
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
    get: (path: string) => this.t.http().get(path).auth(token, { type: 'bearer' }).set('accept-language', 'en'),
    post: (path: string) => this.t.http().post(path).auth(token, { type: 'bearer' }).set('accept-language', 'en'),
    patch: (path: string) => this.t.http().patch(path).auth(token, { type: 'bearer' }).set('accept-language', 'en'),
    delete: (path: string) => this.t.http().delete(path).auth(token, { type: 'bearer' }).set('accept-language', 'en'),
  });

  readonly audits = (where: FindOptionsWhere<AuditEvent>) =>
    this.t.app
      .get(DataSource)
      .getRepository(AuditEvent)
      .find({ where, order: { id: 'ASC' } });
}
