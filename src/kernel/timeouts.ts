/**
 * The `--timeout` flag of `databrain-drift` and of `databrain-mock --proxy`: how long one request to
 * the Databrain API may take, in milliseconds. Both commands take the same default and range.
 */

/** The timeout when `--timeout` is not given. */
export const defaultTimeoutMs = 10_000;
/** The shortest timeout `--timeout` takes. */
export const minimumTimeoutMs = 100;
/** The longest timeout `--timeout` takes. */
export const maximumTimeoutMs = 120_000;

/** Why `timeoutMs` (read from the flag's `value`) cannot be the timeout, or undefined when it can. */
export function timeoutProblem(timeoutMs: number, value: string | undefined): string | undefined {
  if (Number.isInteger(timeoutMs) && timeoutMs >= minimumTimeoutMs && timeoutMs <= maximumTimeoutMs) return undefined;
  return `--timeout must be a whole number of milliseconds from ${minimumTimeoutMs} to ${maximumTimeoutMs}, not "${value ?? ''}".`;
}
