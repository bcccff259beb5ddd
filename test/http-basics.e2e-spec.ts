import fc from 'fast-check';
import { Writable } from 'node:stream';
import { ProbeModule } from './fixtures/probe.module';
import { TestApp, startTestApp } from './support/test-app';

describe('HTTP basics', () => {
  let t: TestApp;
  const logLines: string[] = [];

  beforeAll(async () => {
    const logDestination = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    t = await startTestApp({ extraModules: [ProbeModule], env: { LOG_LEVEL: 'error' }, logDestination });
  });
  afterAll(() => t.close());

  const echo = () => t.http().post('/api/test/echo').set('accept-language', 'en');

  it('accepts a valid body and transforms nested objects', async () => {
    const res = await echo()
      .send({ name: 'Vòng 1', seconds: 30, choices: [{ text: 'A' }] })
      .expect(201);
    expect(res.body).toEqual({ name: 'Vòng 1', seconds: 30, choices: [{ text: 'A' }] });
  });

  it('answers malformed JSON with 400 in the contract shape', async () => {
    const res = await echo().set('content-type', 'application/json').send('{"name": "x",').expect(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'The body is not valid JSON' });
  });

  it('names an unknown field', async () => {
    const res = await echo().send({ name: 'x', seconds: 5, admin: true }).expect(400);
    expect(res.body.statusCode).toBe(400);
    expect(res.body.error).toBe('Bad Request');
    expect(res.body.message).toEqual(['admin is not an allowed field']);
  });

  it('says which field is missing, and lists every problem at once', async () => {
    const res = await echo()
      .send({ seconds: 0, mode: 'race', choices: [{ text: 7 }] })
      .expect(400);
    expect(res.body.message).toEqual(
      expect.arrayContaining([
        'name is required',
        'seconds must not be less than 1',
        expect.stringContaining('mode must be one of the following values'),
        'choices.0.text must be a string',
      ]),
    );
    expect(res.body.fields).toEqual(expect.arrayContaining(['name', 'seconds', 'mode', 'choices.0.text']));
  });

  it('speaks Vietnamese unless asked for English', async () => {
    const res = await t.http().post('/api/test/echo').send({ seconds: 500, extra: 1 }).expect(400);
    expect(res.body.message).toEqual(expect.arrayContaining(['Thiếu trường «name»', '«seconds» không được lớn hơn 300', 'Trường «extra» không được phép gửi']));
  });

  it('answers an unknown route with 404', async () => {
    const res = await t.http().get('/api/no-such-thing').set('accept-language', 'en').expect(404);
    expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'No route for GET /api/no-such-thing' });
  });

  it('answers a wrong content type with 415', async () => {
    const res = await echo().set('content-type', 'application/xml').send('<name>x</name>').expect(415);
    expect(res.body).toMatchObject({ statusCode: 415, error: 'Unsupported Media Type' });
  });

  it('answers an oversized body with 413', async () => {
    const res = await echo()
      .send({ name: 'x'.repeat(t.config.bodyLimitBytes + 10), seconds: 5 })
      .expect(413);
    expect(res.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large', message: 'The body is too large' });
  });

  it('answers an empty JSON body with 400', async () => {
    const res = await echo().set('content-type', 'application/json').send('').expect(400);
    expect(res.body.statusCode).toBe(400);
  });

  it('hides a real 500 and logs it with the request id', async () => {
    const res = await t.http().get('/api/test/boom').set('accept-language', 'en').expect(500);
    expect(res.body).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: expect.stringContaining('Something went wrong'),
      requestId: res.headers['x-request-id'],
    });
    expect(JSON.stringify(res.body)).not.toContain('secret table');
    const logged = logLines.map((line) => JSON.parse(line)).find((entry) => entry.reqId === res.body.requestId);
    expect(logged).toMatchObject({ level: 50, msg: 'Unhandled error' });
    expect(JSON.stringify(logged)).toContain('secret table xyz is on fire');
  });

  it('keeps a request id given by the caller', async () => {
    const res = await t.http().get('/health').set('x-request-id', 'proxy-123').expect(200);
    expect(res.headers['x-request-id']).toBe('proxy-123');
  });

  it('sets security headers', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('reports health of the database and, when configured, Redis', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body).toEqual(t.config.redisUrl ? { status: 'ok', db: 'up', redis: 'up' } : { status: 'ok', db: 'up' });
  });

  it('serves Prometheus metrics with HTTP latency, event-loop lag, sockets and answers', async () => {
    await t.http().get('/health').expect(200);
    const res = await t.http().get('/metrics').expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/health",status_code="200"\} \d+/);
    expect(res.text).toContain('nodejs_eventloop_lag_p99_seconds');
    expect(res.text).toContain('ai_race_open_sockets 0');
    expect(res.text).toContain('# TYPE ai_race_answers_total counter');
  });

  it('serves the OpenAPI document', async () => {
    await t.http().get('/api/docs').expect(200);
    const res = await t.http().get('/api/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/health', '/metrics']));
  });

  it('documents the reply shape of the routes the pages use', async () => {
    const { body } = await t.http().get('/api/docs-json').expect(200);
    const documented: Array<[method: string, path: string, status: string]> = [
      ['post', '/api/auth/login', '200'],
      ['post', '/api/auth/participant', '200'],
      ['post', '/api/auth/join', '200'],
      ['get', '/api/auth/me', '200'],
      ['get', '/api/organisers', '200'],
      ['get', '/api/screen-tokens', '200'],
      ['post', '/api/screen-tokens', '201'],
      ['get', '/api/units', '200'],
      ['post', '/api/units/import', '200'],
      ['get', '/api/clans', '200'],
      ['get', '/api/participants', '200'],
      ['get', '/api/me', '200'],
      ['get', '/api/questions', '200'],
      ['post', '/api/questions', '201'],
      ['get', '/api/questions/{id}', '200'],
      ['get', '/api/races', '200'],
      ['post', '/api/races', '201'],
      ['get', '/api/races/{id}', '200'],
      ['post', '/api/races/{id}/rounds', '201'],
      ['get', '/api/rounds/{id}', '200'],
      ['post', '/api/rounds/{id}/open', '200'],
      ['get', '/api/me/rounds', '200'],
      ['post', '/api/rounds/{id}/attempts', '201'],
      ['get', '/api/attempts/{id}', '200'],
      ['post', '/api/attempts/{id}/answers', '200'],
      ['post', '/api/rounds/{id}/live/next', '200'],
      ['get', '/api/leaderboards/{board}', '200'],
      ['get', '/api/leaderboards/individuals/me', '200'],
    ];
    for (const [method, path, status] of documented) {
      const schema = body.paths[path]?.[method]?.responses?.[status]?.content?.['application/json']?.schema;
      expect({ route: `${method} ${path} ${status}`, type: schema?.type ?? (schema?.oneOf ? 'oneOf' : undefined) }).toEqual({
        route: `${method} ${path} ${status}`,
        type: expect.stringMatching(/^(object|array|oneOf)$/),
      });
    }
    // Fields come from the contract: an answer's next question and a race's rounds are described, not just named.
    const answer = body.paths['/api/attempts/{id}/answers'].post.responses['200'].content['application/json'].schema;
    expect(answer.properties.next.properties.choices.items.required).toEqual(['id', 'text']);
    expect(body.paths['/api/races/{id}'].get.responses['200'].content['application/json'].schema.properties.rounds.items.required).toContain('status');
  });

  it('documents a reply with content for every operation of the API, and files as files', async () => {
    const { body } = await t.http().get('/api/docs-json').expect(200);
    type Response = { content?: Record<string, { schema?: { type?: string; oneOf?: unknown[]; format?: string } }> };
    const undocumented: string[] = [];
    const operations = Object.entries<Record<string, { responses?: Record<string, Response> }>>(body.paths)
      // The probe routes are this test's own fixture, not the API.
      .filter(([path]) => path.startsWith('/api/') && !path.startsWith('/api/test/'))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ route: `${method} ${path}`, operation })));
    expect(operations.length).toBeGreaterThan(50);
    for (const { route, operation } of operations) {
      const successes = Object.entries(operation.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
      if (!successes.length) undocumented.push(`${route}: no 2xx reply`);
      for (const [status, response] of successes) {
        // 204 says there is no body; every other success says what its body is.
        if (status === '204') continue;
        const schemas = Object.values(response.content ?? {}).map((media) => media.schema);
        if (!schemas.length || schemas.some((schema) => !schema || !(schema.type || schema.oneOf))) undocumented.push(`${route} ${status}: no content schema`);
      }
    }
    expect(undocumented).toEqual([]);
    const download = (path: string) => body.paths[path].get.responses['200'].content;
    expect(download('/api/reports/participation.xlsx')).toEqual({
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
    });
    expect(Object.keys(download('/api/questions/export'))).toEqual([
      'text/csv; charset=utf-8',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    expect(download('/api/reports/participation')['application/json'].schema.properties.total.required).toContain('ratePercent');
    expect(download('/api/audit')['application/json'].schema.properties.items.items.required).toContain('action');
  });

  it('never answers a generated body with a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.json(),
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        async (raw) => {
          const res = await t.http().post('/api/test/echo').set('content-type', 'application/json').send(raw);
          expect(res.status).toBeGreaterThanOrEqual(200);
          expect(res.status).toBeLessThan(500);
          expect(res.body.statusCode ?? 201).toBe(res.status === 201 ? 201 : res.status);
        },
      ),
      { numRuns: 300 },
    );
  });
});
