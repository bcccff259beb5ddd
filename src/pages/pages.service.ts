import { Injectable } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import QRCode from 'qrcode';
import type { QrLink } from '../contract/auth';
import { webRoot } from './web-root';

export type Page = 'participant' | 'console' | 'screen';

@Injectable()
export class PagesService {
  private readonly html = new Map<Page, string>();

  /** The page's HTML, read once; never cached by the browser so a new build is picked up. */
  send(reply: FastifyReply, page: Page): void {
    let html = this.html.get(page);
    if (!html) {
      const file = join(webRoot(), `${page}.html`);
      if (!existsSync(file)) {
        reply
          .status(503)
          .type('text/plain; charset=utf-8')
          .send('Các trang chưa được dựng: chạy `npm run build`. The pages are not built: run `npm run build`.');
        return;
      }
      html = readFileSync(file, 'utf8');
      this.html.set(page, html);
    }
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  }

  async joinQr(origin: string): Promise<QrLink> {
    const url = `${origin}/`;
    return { url, qrSvg: await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) };
  }
}
