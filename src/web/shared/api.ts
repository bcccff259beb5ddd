import type { ErrorCode, PlacedProblem } from '../../contract/errors';
import { Lang } from './i18n';

/** An HTTP error as the API sends it: `{ statusCode, code?, message, errors? }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: {
      code?: ErrorCode;
      errors?: PlacedProblem[];
      next?: unknown;
      [key: string]: unknown;
    },
  ) {
    super(message);
  }
}

/** A refusal because the token's session was ended (new PIN or password, account disabled, signed out everywhere). */
export const isSessionEnded = (error: unknown): boolean => error instanceof ApiError && error.status === 401 && error.body.code === 'SESSION_ENDED';

/** No answer from the server (offline, timed out): worth retrying, unlike an ApiError. */
export class NetworkError extends Error {}

export interface Session {
  token: string | null;
  lang: Lang;
}

/** Calls the API with the session's token and language; JSON in, JSON out. */
export async function api<T>(session: Session, method: string, path: string, body?: unknown, timeoutMs = 15_000): Promise<T> {
  const headers: Record<string, string> = { 'accept-language': session.lang };
  if (session.token) headers.authorization = `Bearer ${session.token}`;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: payload, signal: controller.signal });
  } catch {
    throw new NetworkError(session.lang === 'vi' ? 'Mất kết nối tới máy chủ' : 'Cannot reach the server');
  } finally {
    clearTimeout(timer);
  }
  const text = await response.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const body = (data ?? {}) as ApiError['body'] & { message?: unknown };
    const message = Array.isArray(body.message) ? body.message.join('; ') : typeof body.message === 'string' ? body.message : response.statusText;
    throw new ApiError(response.status, message, body);
  }
  return data as T;
}

/** Reads and writes a token kept on the device. */
export function storedToken(key: string) {
  return {
    get: (): string | null => {
      try {
        return localStorage.getItem(key);
      } catch {
        return null;
      }
    },
    set: (token: string | null) => {
      try {
        if (token) localStorage.setItem(key, token);
        else localStorage.removeItem(key);
      } catch {
        // Private mode: signed in for this visit only.
      }
    },
  };
}
