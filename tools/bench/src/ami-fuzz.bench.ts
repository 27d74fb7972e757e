import fs from 'node:fs';
import path from 'node:path';
import { fuzzParser, type FuzzResult } from '@switchboard/ami/testing';

const captures = process.env['AMI_CAPTURES_DIR'] ?? path.resolve(__dirname, '../../../../shared/ami-captures');

/** The parser's mutation fuzzing at full size: ≥ 1,000,000 inputs from the real captures. */
export function runAmiFuzzBench(inputs = 1_000_000): FuzzResult {
  const corpus = fs
    .readdirSync(captures)
    .filter((f) => f.endsWith('.ami'))
    .map((f) => fs.readFileSync(path.join(captures, f), 'latin1'))
    .join('');
  const result = fuzzParser(corpus, inputs, 20261123);
  if (result.failures > 0 || result.lostRecoveries > 0) {
    throw new Error(`fuzzing found ${result.failures} failing inputs: ${result.problems.join('; ')}`);
  }
  return result;
}
