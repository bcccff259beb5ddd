import { useState } from 'preact/hooks';
import { Ctx } from './ctx';
import { t } from './words';

/** A report download: the token goes in a header, so the file is fetched and handed over as a blob. */
export function Download({ ctx, path, label }: { ctx: Ctx; path: string; label: string }) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const go = async () => {
    setBusy(true);
    setFailed(false);
    try {
      const response = await fetch(path, { headers: { authorization: `Bearer ${ctx.session.token}`, 'accept-language': ctx.lang } });
      if (response.status === 401) {
        // Let the shared call path sign out.
        await ctx.call('GET', '/api/auth/me');
        return;
      }
      if (!response.ok) throw new Error(String(response.status));
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'bao-cao';
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" class="secondary small" disabled={busy} onClick={go}>
        {t(ctx.lang, 'download', { label })}
      </button>
      {failed && (
        <span class="error-text" role="alert">
          {t(ctx.lang, 'downloadFailed')}
        </span>
      )}
    </>
  );
}
