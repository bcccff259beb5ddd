import { Writable } from 'node:stream';
import { createLogger, redactSecretParameters } from './logger';

describe('the logger', () => {
  const capture = () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    return { logger: createLogger('info', destination), lines };
  };

  it.each([
    ['/screen?token=abc.def.ghi', '/screen?token=[redacted]'],
    ['/?join=abc.def.ghi&lang=vi', '/?join=[redacted]&lang=vi'],
    ['/?lang=vi&JOIN=abc#top', '/?lang=vi&JOIN=[redacted]#top'],
    ['/?token=&join=x', '/?token=[redacted]&join=[redacted]'],
    ['Route GET:/x?token=abc not found', 'Route GET:/x?token=[redacted] not found'],
    ['/?mytoken=abc&tokens=1', '/?mytoken=abc&tokens=1'],
  ])('redacts the secret parameters of %s', (text, redacted) => {
    expect(redactSecretParameters(text)).toBe(redacted);
  });

  it('writes no credential from headers, a socket handshake or an address, wherever it sits', () => {
    const { logger, lines } = capture();
    const headers = { authorization: 'Bearer sekret-1', cookie: 'sid=sekret-2', 'user-agent': 'phone' };
    logger.info({ headers }, 'headers');
    logger.info({ req: { url: '/screen?token=sekret-3', headers } }, 'request');
    logger.info({ handshake: { headers, auth: { token: 'sekret-4' } } }, 'socket');
    logger.error({ err: new Error('fetching /?join=sekret-5 failed'), url: '/x?token=sekret-6' }, 'GET /?join=sekret-7');
    logger.child({ reqId: 'r1' }).info({ req: { url: '/?join=sekret-8' } }, 'child');
    const log = lines.join('');
    expect(log).not.toMatch(/sekret/);
    expect(lines).toHaveLength(5);
    expect(JSON.parse(lines[1])).toMatchObject({
      req: { url: '/screen?token=[redacted]', headers: { authorization: '[redacted]', cookie: '[redacted]', 'user-agent': 'phone' } },
    });
  });
});
