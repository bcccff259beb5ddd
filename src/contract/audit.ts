// The audit log as organisers read it (GET /audit): who changed what, newest first.

export interface AuditItem {
  id: number;
  at: string;
  actor: { kind: string; id: number | null; name: string | null };
  /** Dotted, e.g. `unit.update`. */
  action: string;
  target: { kind: string; id: number | null; name: string | null };
  /** The fields the change replaced and those it wrote; absent when there were none. */
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  requestId: string | null;
  address: string | null;
}

export interface AuditPage {
  total: number;
  items: AuditItem[];
}
