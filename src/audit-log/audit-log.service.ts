import { Injectable } from '@nestjs/common';
import { recordAudit } from '../audit/audit';
import { OrganiserPrincipal } from '../access/principal';
import type { AuditItem, AuditPage } from '../contract/audit';
import { firstRow, rows } from '../database/steps';
import { Transactions } from '../database/transactions';
import { Errors, What } from '../http/errors';
import { Cell, Sheet } from '../http/spreadsheet';
import { auditWindow, isActionPrefix, likePrefix, readablePath, vietnamClock } from './audit-log-rules';
import { AuditFilterQuery } from './dto/audit-query.dto';

/** The most rows one CSV holds: a district's year of changes, and a bound on one download's work. */
export const CSV_MAX_ROWS = 50_000;
/** Rows read per query while a CSV is written. */
const PAGE = 1_000;

const COLUMNS =
  'e.id, e.at, e.actor_kind, e.actor_id, e.actor_name, e.action, e.target_kind, e.target_id, e.target_name, e.before, e.after, e.request_id, e.address';

interface Filter {
  where: string;
  params: unknown[];
  /** The subtree read (null: the whole district), as the export's own audit row records it. */
  path: string | null;
}

/** Reads of the audit log: an organiser's subtree, the admin's and district organisers' everything. */
@Injectable()
export class AuditLogService {
  constructor(private readonly transactions: Transactions) {}

  async list(query: AuditFilterQuery, by: OrganiserPrincipal, limit: number, offset: number): Promise<AuditPage> {
    const { where, params } = await this.filter(query, by);
    const counted = await this.transactions.read(() => firstRow<{ n: number }>(`SELECT COUNT(*) AS n FROM audit_event e WHERE ${where}`, ...params));
    const found = await this.transactions.read(() =>
      rows<Record<string, unknown>>(
        `SELECT ${COLUMNS} FROM audit_event e WHERE ${where} ORDER BY e.at DESC, e.id DESC LIMIT ? OFFSET ?`,
        ...params,
        limit,
        offset,
      ),
    );
    return { total: Number(counted?.n ?? 0), items: found.map(item) };
  }

  /**
   * Every matching event (newest first, at most CSV_MAX_ROWS) as a sheet. Taking a copy of the
   * log is itself recorded, before the first row goes out.
   */
  async sheet(query: AuditFilterQuery, by: OrganiserPrincipal): Promise<Sheet> {
    const { where, params, path } = await this.filter(query, by);
    const filters = { action: query.action, unitId: query.unitId, from: query.from, to: query.to };
    await this.transactions.run((manager) =>
      recordAudit(manager, { action: 'export.audit', target: { kind: 'audit_log', id: null }, unitPath: path, after: { format: 'csv', ...filters } }),
    );
    const transactions = this.transactions;
    async function* lines(): AsyncGenerator<Cell[]> {
      let sent = 0;
      let after: { at: number; id: number } | null = null;
      while (sent < CSV_MAX_ROWS) {
        const page: Array<Record<string, unknown>> = await transactions.read(() =>
          rows<Record<string, unknown>>(
            `SELECT ${COLUMNS} FROM audit_event e WHERE ${where}${after ? ' AND (e.at < ? OR (e.at = ? AND e.id < ?))' : ''} ORDER BY e.at DESC, e.id DESC LIMIT ?`,
            ...params,
            ...(after ? [after.at, after.at, after.id] : []),
            Math.min(PAGE, CSV_MAX_ROWS - sent),
          ),
        );
        for (const row of page) {
          const event = item(row);
          const at = Number(row.at);
          yield [
            vietnamClock(at),
            event.at,
            event.actor.kind,
            event.actor.id,
            event.actor.name,
            event.action,
            event.target.kind,
            event.target.id,
            event.target.name,
            (row.before as string | null) ?? null,
            (row.after as string | null) ?? null,
            event.requestId,
            event.address,
          ];
        }
        sent += page.length;
        if (page.length < PAGE) return;
        const last = page[page.length - 1];
        after = { at: Number(last.at), id: Number(last.id) };
      }
    }
    return {
      name: 'Nhật ký',
      columns: [
        { header: 'Thời gian (giờ Việt Nam)', width: 20 },
        { header: 'Thời điểm (UTC)', width: 26 },
        { header: 'Người thực hiện (loại)', width: 12 },
        { header: 'Mã người thực hiện', format: 'integer' },
        { header: 'Người thực hiện', width: 24 },
        { header: 'Hành động', width: 24 },
        { header: 'Đối tượng (loại)', width: 14 },
        { header: 'Mã đối tượng', format: 'integer' },
        { header: 'Đối tượng', width: 30 },
        { header: 'Trước', width: 40 },
        { header: 'Sau', width: 40 },
        { header: 'Mã yêu cầu', width: 38 },
        { header: 'Địa chỉ', width: 18 },
      ],
      rows: lines(),
    };
  }

  private async filter(query: AuditFilterQuery, by: OrganiserPrincipal): Promise<Filter> {
    let unitPath: string | undefined;
    if (query.unitId !== undefined) {
      const unit = await this.transactions.read(() => firstRow<{ path: string }>('SELECT path FROM unit WHERE id = ?', query.unitId));
      if (!unit) throw Errors.notFound(What.unit, query.unitId);
      unitPath = unit.path;
    }
    const path = readablePath(by.scopePath, unitPath);
    if (path === false) throw Errors.outOfScope();
    const parts: string[] = [];
    const params: unknown[] = [];
    if (path !== null) {
      // Paths are ids and slashes: nothing in them needs escaping.
      parts.push('e.unit_path LIKE ?');
      params.push(`${path}%`);
    }
    if (query.action !== undefined) {
      parts.push(isActionPrefix(query.action) ? "e.action LIKE ? ESCAPE '\\'" : 'e.action = ?');
      params.push(isActionPrefix(query.action) ? likePrefix(query.action) : query.action);
    }
    const window = auditWindow(query.from, query.to);
    if (window.from !== null && window.to !== null && window.from >= window.to) {
      throw Errors.of('AUDIT_WINDOW');
    }
    if (window.from !== null) {
      parts.push('e.at >= ?');
      params.push(window.from);
    }
    if (window.to !== null) {
      parts.push('e.at < ?');
      params.push(window.to);
    }
    return { where: parts.length ? parts.join(' AND ') : '1 = 1', params, path };
  }
}

// Written by recordAudit from the fields of a change: always an object.
const parsed = (text: unknown) => (typeof text === 'string' ? (JSON.parse(text) as Record<string, unknown>) : undefined);
const idOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));

function item(row: Record<string, unknown>): AuditItem {
  const before = parsed(row.before);
  const after = parsed(row.after);
  return {
    id: Number(row.id),
    at: new Date(Number(row.at)).toISOString(),
    actor: { kind: String(row.actor_kind), id: idOrNull(row.actor_id), name: (row.actor_name as string | null) ?? null },
    action: String(row.action),
    target: { kind: String(row.target_kind), id: idOrNull(row.target_id), name: (row.target_name as string | null) ?? null },
    ...(before === undefined ? {} : { before }),
    ...(after === undefined ? {} : { after }),
    requestId: (row.request_id as string | null) ?? null,
    address: (row.address as string | null) ?? null,
  };
}
