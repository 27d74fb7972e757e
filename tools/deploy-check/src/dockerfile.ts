/**
 * A structural Dockerfile lint for the service images: just enough parsing (line continuations,
 * comments, stages, instructions) to check the rules the images must keep:
 *
 * - multi-stage, and every stage's base is node:20-slim or an earlier stage;
 * - the final stage starts FROM node:20-slim itself (not from the build stage, which holds the
 *   dev dependencies and the sources);
 * - the final stage runs as a user that is not root (USER, not 0/root);
 * - no `npm install`/`npm ci` in the final stage without --omit=dev, and node_modules copied into it
 *   only from a stage that pruned or installed with --omit=dev;
 * - no `COPY . .` (the whole context) in the final stage;
 * - EXPOSE is the service's default port;
 * - no credentials in ENV or ARG (names such as *_PASS, *SECRET*, AMI_URL, DATABASE_URL, or a URL
 *   with user:password@);
 * - CMD is the exec form of `node ... dist/js/apps/<app>/src/main.js`; no HEALTHCHECK (Kubernetes
 *   probes the service).
 */

export interface Instruction {
  readonly keyword: string;
  readonly args: string;
  readonly line: number;
}

export interface Stage {
  readonly base: string;
  readonly name?: string;
  readonly instructions: Instruction[];
}

export const BASE_IMAGE = 'node:20-slim';

export function parseDockerfile(text: string): Stage[] {
  const logical: Instruction[] = [];
  let buffer = '';
  let startLine = 0;
  text.split(/\r?\n/).forEach((raw, i) => {
    const trimmed = raw.trim();
    if (buffer === '' && (trimmed === '' || trimmed.startsWith('#'))) return;
    if (buffer !== '' && trimmed.startsWith('#')) return; // comment inside a continued instruction
    if (buffer === '') startLine = i + 1;
    if (trimmed.endsWith('\\')) {
      buffer += trimmed.slice(0, -1) + ' ';
      return;
    }
    buffer += trimmed;
    const m = /^(\S+)\s*(.*)$/s.exec(buffer);
    if (m) logical.push({ keyword: m[1].toUpperCase(), args: m[2].trim(), line: startLine });
    buffer = '';
  });
  if (buffer !== '') throw new Error('the Dockerfile ends inside a line continuation');

  const stages: Stage[] = [];
  for (const ins of logical) {
    if (ins.keyword === 'FROM') {
      const words = ins.args.split(/\s+/).filter((w) => !w.startsWith('--'));
      const asIndex = words.findIndex((w) => w.toUpperCase() === 'AS');
      stages.push({
        base: words[0],
        name: asIndex >= 0 ? words[asIndex + 1] : undefined,
        instructions: [],
      });
    } else if (stages.length === 0) {
      if (ins.keyword !== 'ARG')
        throw new Error(`line ${ins.line}: ${ins.keyword} before the first FROM`);
    } else {
      stages[stages.length - 1].instructions.push(ins);
    }
  }
  return stages;
}

/** ENV/ARG keys (ENV a=1 b=2, ENV a 1, ARG a[=1]). */
export function declaredVariables(ins: Instruction): { key: string; value: string }[] {
  if (ins.keyword === 'ARG') {
    const [key, ...value] = ins.args.split('=');
    return [{ key: key.trim(), value: value.join('=') }];
  }
  if (!ins.args.includes('=') || /^\S+\s+[^=]*$/.test(ins.args)) {
    const m = /^(\S+)\s+(.*)$/.exec(ins.args);
    return m ? [{ key: m[1], value: m[2] }] : [];
  }
  const out: { key: string; value: string }[] = [];
  const re = /([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g;
  for (let m = re.exec(ins.args); m; m = re.exec(ins.args)) out.push({ key: m[1], value: m[2] });
  return out;
}

const SECRET_NAME = /(secret|passw|_pass$|^pass$|token|api_?key|private_?key|credential)/i;
const SECRET_SETTINGS = new Set([
  'AMI_URL',
  'DATABASE_URL',
  'EVENTSTORE_URL',
  'NATS_USER',
  'NATS_PASS',
]);
const URL_WITH_PASSWORD = /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i;

function npmInstalls(ins: Instruction): string[] {
  if (ins.keyword !== 'RUN') return [];
  return ins.args
    .split(/&&|\|\||;/)
    .map((c) => c.trim())
    .filter((c) => /(^|\s)npm\s+(install|i|ci|add)(\s|$)/.test(c));
}

export interface LintOptions {
  readonly app: string;
  readonly port: number;
}

export function lintDockerfile(text: string, options: LintOptions): string[] {
  const problems: string[] = [];
  let stages: Stage[];
  try {
    stages = parseDockerfile(text);
  } catch (error) {
    return [(error as Error).message];
  }
  if (stages.length < 2) problems.push('not multi-stage: build in one stage, run in another');
  const names = new Set<string>();
  for (const s of stages) {
    if (s.base !== BASE_IMAGE && !names.has(s.base))
      problems.push(
        `FROM ${s.base}: every stage must start from ${BASE_IMAGE} or an earlier stage`,
      );
    if (s.name) names.add(s.name);
    for (const ins of s.instructions) {
      if (ins.keyword === 'ENV' || ins.keyword === 'ARG') {
        for (const { key, value } of declaredVariables(ins)) {
          if (SECRET_NAME.test(key) || SECRET_SETTINGS.has(key))
            problems.push(
              `line ${ins.line}: ${ins.keyword} ${key}: credentials do not belong in the image`,
            );
          else if (URL_WITH_PASSWORD.test(value))
            problems.push(`line ${ins.line}: ${ins.keyword} ${key} holds a URL with a password`);
        }
      }
      if (ins.keyword === 'HEALTHCHECK')
        problems.push(
          `line ${ins.line}: no HEALTHCHECK: Kubernetes probes /health/live and /health/ready`,
        );
    }
  }
  const final = stages[stages.length - 1];
  if (!final) return ['no FROM'];
  if (final.base !== BASE_IMAGE)
    problems.push(
      `the final stage must start FROM ${BASE_IMAGE}, not from ${final.base} (it would carry the build stage's dev dependencies and sources)`,
    );

  const users = final.instructions.filter((i) => i.keyword === 'USER');
  const user = users.length ? users[users.length - 1].args.split(':')[0] : undefined;
  if (user === undefined) problems.push('the final stage has no USER: it would run as root');
  else if (user === 'root' || user === '0')
    problems.push(`USER ${users[users.length - 1].args}: the final stage must not run as root`);

  for (const ins of final.instructions) {
    for (const cmd of npmInstalls(ins)) {
      if (!/--omit[= ]dev\b/.test(cmd))
        problems.push(
          `line ${ins.line}: "${cmd}" in the final stage installs dev dependencies (use --omit=dev)`,
        );
    }
    if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
      const words = ins.args.split(/\s+/);
      const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
      const paths = words.filter((w) => !w.startsWith('--'));
      if (!from && paths.length === 2 && (paths[0] === '.' || paths[0] === './')) {
        problems.push(
          `line ${ins.line}: ${ins.keyword} of the whole build context into the final stage`,
        );
      }
      if (from && paths.slice(0, -1).some((p) => /(^|\/)node_modules\/?$/.test(p))) {
        const source = stages.find((s) => s.name === from);
        const pruned = source
          ? stagesBehind(stages, source).some((s) =>
              s.instructions.some(
                (i) =>
                  i.keyword === 'RUN' &&
                  /npm\s+(prune|ci|install)\b[^&|;]*--omit[= ]dev\b/.test(i.args),
              ),
            )
          : false;
        if (!pruned)
          problems.push(
            `line ${ins.line}: node_modules copied from stage "${from}", which never drops the dev dependencies (npm prune/ci --omit=dev)`,
          );
      }
    }
  }

  const exposed = final.instructions
    .filter((i) => i.keyword === 'EXPOSE')
    .flatMap((i) => i.args.split(/\s+/));
  if (exposed.length !== 1 || exposed[0].replace(/\/tcp$/, '') !== String(options.port)) {
    problems.push(
      `EXPOSE ${exposed.join(' ') || '(none)'}: the service listens on ${options.port}`,
    );
  }

  const cmds = final.instructions.filter((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
  const cmd = cmds[cmds.length - 1];
  if (!cmd) problems.push('no CMD');
  else {
    let argv: unknown;
    try {
      argv = JSON.parse(cmd.args);
    } catch {
      argv = undefined;
    }
    if (!Array.isArray(argv) || argv[0] !== 'node')
      problems.push(
        `${cmd.keyword} must be the exec form ["node", ...] (signals reach node directly)`,
      );
    else if (
      !argv.some(
        (a) => typeof a === 'string' && a.endsWith(`dist/js/apps/${options.app}/src/main.js`),
      )
    ) {
      problems.push(`${cmd.keyword} does not start dist/js/apps/${options.app}/src/main.js`);
    }
  }
  return problems;
}

/** The stage and the stages it is built FROM, transitively. */
function stagesBehind(stages: Stage[], stage: Stage): Stage[] {
  const out: Stage[] = [stage];
  let current: Stage | undefined = stage;
  while (current && current.base !== BASE_IMAGE) {
    const base: string = current.base;
    current = stages.find((s) => s.name === base);
    if (current) out.push(current);
  }
  return out;
}
