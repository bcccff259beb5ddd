import { Socket } from 'socket.io-client';
import type { UnitView } from '../../contract/org';
import { ApiError, Session, api } from '../shared/api';
import { Lang } from '../shared/i18n';

/** What every panel of the console needs: the language, API calls that sign out on 401, the socket. */
export interface Ctx {
  lang: Lang;
  session: Session;
  call: <T>(method: string, path: string, body?: unknown) => Promise<T>;
  socket: Socket | null;
}

export function makeCall(session: Session, onUnauthorised: () => void) {
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    try {
      return await api<T>(session, method, path, body);
    } catch (error) {
      // A wrong current password (changing it) is a 401 too, but the session is fine.
      if (error instanceof ApiError && error.status === 401 && error.body.code !== 'BAD_CREDENTIALS') onUnauthorised();
      throw error;
    }
  };
}

/** Query strings from defined values only. */
export function query(values: Record<string, string | number | boolean | undefined | null>): string {
  const parts = Object.entries(values)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** A unit as the console's unit pickers use it. */
export type UnitOption = Pick<UnitView, 'id' | 'name' | 'parentId' | 'mergedIntoId'>;

/** Units in tree order, each with its depth: a parent before its children, siblings by name. */
export function unitTree(units: UnitOption[]): Array<{ unit: UnitOption; depth: number }> {
  const live = units.filter((unit) => unit.mergedIntoId === null);
  const ids = new Set(live.map((unit) => unit.id));
  const byName = (a: UnitOption, b: UnitOption) => a.name.localeCompare(b.name, 'vi');
  const out: Array<{ unit: UnitOption; depth: number }> = [];
  const visit = (unit: UnitOption, depth: number) => {
    out.push({ unit, depth });
    for (const child of live.filter((c) => c.parentId === unit.id).sort(byName)) visit(child, depth + 1);
  };
  // The tops of what the caller sees: units whose parent is not in the list.
  for (const top of live.filter((unit) => unit.parentId === null || !ids.has(unit.parentId)).sort(byName)) visit(top, 0);
  return out;
}
