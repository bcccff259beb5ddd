/** What the reports' files need besides the JSON replies (those are in contract/reports). */

/** The note a report row carries when its headcount is out of date. */
export const HEADCOUNT_OUTDATED_NOTE = 'Số người dự thi vượt biên chế: cần cập nhật biên chế';

export type ExportFormat = 'csv' | 'xlsx';
