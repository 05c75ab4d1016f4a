/** The committed pact checked against the spec, by @pactflow/swagger-mock-validator. */
import type { ValidationIssue } from '@pactflow/swagger-mock-validator';
import { packageFile } from '../src/kernel/files.js';
import { firstLine } from '../src/kernel/helpers.js';
import { importPeer } from '../src/kernel/peers.js';
import { checkOf, type CheckResult, type Finding } from '../src/kernel/findings.js';
import { committedPactFile } from './pact-verify.js';

export const specFile = packageFile('spec/openapi.yaml');

/** A finding of swagger-mock-validator's: where in the pact, against where in the spec, and its code. */
export function findingOf(issue: ValidationIssue, severity: 'drift' | 'warning'): Finding {
  return {
    severity,
    where: issue.mockDetails?.location ?? issue.code,
    expected: issue.specDetails?.location ?? 'the spec',
    actual: issue.mockDetails?.interactionDescription ?? 'the pact',
    message: `${issue.code}: ${issue.message}`,
  };
}

export async function checkPactAgainstSpec(pactFile = committedPactFile, spec = specFile): Promise<CheckResult> {
  const started = performance.now();
  const { SwaggerMockValidatorFactory } = await importPeer(
    '@pactflow/swagger-mock-validator',
    'The pact-against-spec check',
    () => import('@pactflow/swagger-mock-validator'),
  );
  const validator = SwaggerMockValidatorFactory.create();
  let findings: Finding[];
  try {
    // Response objects are open in the spec (an added field is not drift), so the validator must
    // not close them either.
    const result = await validator.validate({
      mockPathOrUrl: pactFile,
      specPathOrUrl: spec,
      additionalPropertiesInResponse: 'true',
    });
    findings = [
      ...result.errors.map((issue) => findingOf(issue, 'drift')),
      ...result.warnings.map((issue) => findingOf(issue, 'warning')),
    ];
  } catch (error) {
    findings = [
      {
        severity: 'drift',
        where: 'files',
        expected: 'a readable pact and spec',
        actual: 'an error',
        message: firstLine(error),
      },
    ];
  }
  return checkOf('pact-vs-spec', 'the pact file against the spec', findings, performance.now() - started);
}
