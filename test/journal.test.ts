/** The request journal: bounded, oldest first, each body read as JSON when it is JSON. */
import { describe, expect, it } from 'vitest';
import { boundedCache } from '../mocks/cache.js';
import { createJournal, parsedBody, type StoredEntry } from '../mocks/journal.js';

const entry = (index: number, bodyText?: string): StoredEntry => ({
  time: `2026-12-01T00:00:0${index}.000Z`,
  method: 'POST',
  path: '/api/v2/workspace/dashboards',
  query: '',
  bodyText,
  status: 200,
  code: undefined,
});

describe('the request journal', () => {
  it('keeps the last entries of its size, oldest first, however many came before', () => {
    const journal = createJournal(3);
    for (let index = 1; index <= 7; index += 1) journal.add(entry(index));
    expect(journal.entries().map((kept) => kept.time)).toEqual([
      '2026-12-01T00:00:05.000Z',
      '2026-12-01T00:00:06.000Z',
      '2026-12-01T00:00:07.000Z',
    ]);
  });

  it('shows a JSON body parsed, any other body as its text, and none as undefined', () => {
    const journal = createJournal();
    journal.add(entry(1, '{"workspaceName":"w"}'));
    journal.add(entry(2, 'workspaceName=w'));
    journal.add(entry(3));
    expect(journal.entries().map((kept) => kept.body)).toEqual([{ workspaceName: 'w' }, 'workspaceName=w', undefined]);
  });

  it('starts again from empty after clear', () => {
    const journal = createJournal(2);
    for (let index = 1; index <= 3; index += 1) journal.add(entry(index));
    journal.clear();
    journal.add(entry(4));
    expect(journal.entries().map((kept) => kept.time)).toEqual(['2026-12-01T00:00:04.000Z']);
  });
});

describe('what the journal and the behaviour keep', () => {
  it('shows a body as its JSON, as its text when it is not JSON, and as nothing when there is none', () => {
    expect([undefined, '', '{"a":1}', '"x"', 'not json'].map(parsedBody)).toEqual([
      undefined,
      undefined,
      { a: 1 },
      'x',
      'not json',
    ]);
  });

  it('keeps answers up to its limit and forgets the oldest first; a limit of 0 keeps nothing', () => {
    const cache = boundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    const before = ['a', 'b'].map((key) => cache.get(key));
    cache.set('c', 3);
    const none = boundedCache<string, number>(0);
    none.set('a', 1);
    expect({ before, after: ['a', 'b', 'c'].map((key) => cache.get(key)), none: none.get('a') }).toEqual({
      before: [1, 2],
      after: [undefined, 2, 3],
      none: undefined,
    });
  });
});
