/**
 * The running mock's request journal: what each request to the API asked for and what it got,
 * newest last, bounded (the oldest entries are dropped). It keeps no header, so no token; the
 * proxy's real token is masked in the query and the body too, should an app put it there.
 */
/** One request to the API and its answer. */
export interface JournalEntry {
  /** When the request arrived (ISO 8601). */
  readonly time: string;
  readonly method: string;
  readonly path: string;
  /** The query string without its `?`; '' when there is none. */
  readonly query: string;
  /** The body as JSON when it parses, as text otherwise; undefined when there is none. */
  readonly body: unknown;
  /** The answer's status; undefined when the connection was dropped (a network-error scenario). */
  readonly status: number | undefined;
  /** The error code of the answer; undefined for a success or a dropped connection. */
  readonly code: string | undefined;
}

export interface Journal {
  add(entry: JournalEntry): void;
  /** Every kept entry, oldest first. */
  entries(): readonly JournalEntry[];
  clear(): void;
}

/** How many entries a journal keeps unless told otherwise. */
export const defaultJournalSize = 500;

/** The body as the journal keeps it: parsed JSON, or the text, or undefined when empty. */
export function journalBody(body: Buffer | undefined, mask: (text: string) => string): unknown {
  if (body === undefined || body.length === 0) return undefined;
  const text = mask(body.toString('utf8'));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function createJournal(size = defaultJournalSize): Journal {
  let kept: JournalEntry[] = [];
  return {
    add(entry) {
      kept.push(entry);
      if (kept.length > size) kept = kept.slice(kept.length - size);
    },
    entries: () => [...kept],
    clear() {
      kept = [];
    },
  };
}
