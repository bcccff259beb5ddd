import type { AuditItem, AuditPage } from '../contract/audit';
import { arrayOf, dateTime, integer, nullable, optional, record, shape, string } from '../http/response-schema';

const WHO_OR_WHAT = shape<AuditItem['actor']>({ kind: string, id: nullable(integer), name: nullable(string) });

export const AUDIT_PAGE = shape<AuditPage>({
  total: integer,
  items: arrayOf(
    shape<AuditItem>({
      id: integer,
      at: dateTime,
      actor: WHO_OR_WHAT,
      action: { ...string, example: 'unit.update' },
      target: WHO_OR_WHAT,
      before: optional(record({})),
      after: optional(record({})),
      requestId: nullable(string),
      address: nullable(string),
    }),
  ),
});
