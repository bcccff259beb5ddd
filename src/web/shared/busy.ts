import { useState } from 'preact/hooks';
import { ApiError } from './api';

/** The messages of a refusal: a validation 400 carries one per problem. */
export function problemsOf(error: unknown): string[] {
  if (error instanceof ApiError) {
    const message = error.body.message;
    if (Array.isArray(message)) return message.map(String);
    return [error.message];
  }
  return [error instanceof Error ? error.message : String(error)];
}

export function messageOf(error: unknown): string {
  return problemsOf(error).join('; ');
}

/**
 * A button's or form's call to the API: `busy` while it runs, and the refusal's messages when it
 * fails, in the page's language (each call sends it as Accept-Language and the API answers in it).
 */
export function useBusy() {
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);

  /**
   * Runs `work` (the call and what follows it) with the last problems cleared; a failure's messages,
   * or those `explain` gives for it, become `problems`. Resolves to whether the work went through.
   */
  const run = async (work: () => Promise<unknown>, explain: (error: unknown) => string[] = problemsOf): Promise<boolean> => {
    setBusy(true);
    setProblems([]);
    try {
      await work();
      return true;
    } catch (error) {
      setProblems(explain(error));
      return false;
    } finally {
      setBusy(false);
    }
  };

  return { busy, problems, error: problems.join('; '), run, setProblems };
}
