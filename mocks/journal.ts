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

/** How many entries a journal keeps unless told otherwise. */
export const defaultJournalSize = 500;

/** The body as the journal shows it: parsed JSON, or the text; undefined when there is none. */
export function parsedBody(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** An entry as the ring stores it: the body as text, parsed only when the journal is read (not per request). */
export type StoredEntry = Omit<JournalEntry, 'body'> & { readonly bodyText: string | undefined };

export interface Journal {
  add(entry: StoredEntry): void;
  /** Every entry, oldest first. */
  entries(): JournalEntry[];
  clear(): void;
}

/** A journal of the last `size` entries, in a ring: adding one costs the same however full it is. */
export function createJournal(size = defaultJournalSize): Journal {
  let ring: StoredEntry[] = [];
  let oldest = 0;
  return {
    add(entry) {
      if (ring.length < size) ring.push(entry);
      else {
        ring[oldest] = entry;
        oldest = (oldest + 1) % size;
      }
    },
    entries: () =>
      [...ring.slice(oldest), ...ring.slice(0, oldest)].map(({ bodyText, ...entry }) => ({
        ...entry,
        body: parsedBody(bodyText),
      })),
    clear() {
      ring = [];
      oldest = 0;
    },
  };
}
