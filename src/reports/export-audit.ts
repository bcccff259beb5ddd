import { OrganiserPrincipal } from '../access/principal';
import { recordAudit } from '../audit/audit';
import { firstRow } from '../database/steps';
import { Transactions } from '../database/transactions';
import { ExportFormat } from './report-types';

/**
 * Names, staff codes and scores leaving the app in a file (Law 91/2025/QH15): who took which
 * list is recorded. A read changes nothing, so the audit row is its transaction's only write.
 */
export async function recordExport(
  transactions: Transactions,
  report: string,
  format: ExportFormat,
  filters: Record<string, number | undefined>,
  by: OrganiserPrincipal,
): Promise<void> {
  const unit =
    filters.unitId === undefined ? undefined : await transactions.read(() => firstRow<{ path: string }>('SELECT path FROM unit WHERE id = ?', filters.unitId));
  await transactions.run((manager) =>
    recordAudit(manager, {
      action: 'export.personal_data',
      target: { kind: 'report', id: null, name: report },
      unitPath: unit?.path ?? by.scopePath,
      after: { report, format, ...filters },
    }),
  );
}
