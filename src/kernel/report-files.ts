/** Writing the drift reports (Node only): the same three files for the drift check and the proxy. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderJunit, renderMarkdown, type DatabrainDriftReport } from './findings.js';

/** Writes drift-report.json, drift-report.xml (JUnit) and drift-report.md into a folder. */
export function writeDriftReports(report: DatabrainDriftReport, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const files = {
    'drift-report.json': `${JSON.stringify(report, null, 2)}\n`,
    'drift-report.xml': renderJunit(report),
    'drift-report.md': renderMarkdown(report),
  };
  return Object.entries(files).map(([name, content]) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  });
}
