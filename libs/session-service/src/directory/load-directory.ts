import fs from 'node:fs';
import { parseDirectory, type Directory } from '@switchboard/agent-domain';
import { parse } from 'yaml';

/** Reads the directory YAML (agents, lines, queues, login numbers) and validates it. */
export function loadDirectory(file: string): Directory {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Directory file ${file} cannot be read: ${(error as Error).message}`);
  }
  try {
    return parseDirectory(parse(text));
  } catch (error) {
    throw new Error(`Directory file ${file} is invalid: ${(error as Error).message}`);
  }
}
