import fs from 'node:fs';
import { lintDockerfile, parseDockerfile } from './dockerfile';
import { fromRoot, readText } from './workspace';

/** The service images: the three Dockerfiles against the structural lint, and the lint itself. */

const SERVICES = [
  { app: 'ami-gateway', port: 3001 },
  { app: 'agent-session', port: 3002 },
  { app: 'reporting', port: 3003 },
];

describe('service Dockerfiles', () => {
  it.each(SERVICES)('apps/$app/Dockerfile passes the lint', ({ app, port }) => {
    expect(lintDockerfile(readText('apps', app, 'Dockerfile'), { app, port })).toEqual([]);
  });

  it.each(SERVICES)('$app: EXPOSE is the default port of its main.ts', ({ app, port }) => {
    const main = readText('apps', app, 'src', 'main.ts');
    expect(main).toMatch(new RegExp(`port: ${port}\\b`));
  });

  it.each(SERVICES)(
    '$app: the image copies what the CMD needs: compiled workspace, resolver, production node_modules',
    ({ app }) => {
      const stages = parseDockerfile(readText('apps', app, 'Dockerfile'));
      const final = stages[stages.length - 1];
      const copies = final.instructions.filter((i) => i.keyword === 'COPY').map((i) => i.args);
      for (const needed of ['/dist/js', '/node_modules', '/tools/scripts/dist-resolve.js']) {
        expect(copies.some((c) => c.includes(needed))).toBe(true);
      }
      // The build stage compiles with the workspace's own script, which writes dist/js.
      expect(
        stages[0].instructions.some(
          (i) => i.keyword === 'RUN' && i.args.includes('npm run build:dist'),
        ),
      ).toBe(true);
      expect(JSON.parse(readText('package.json')).scripts['build:dist']).toBe(
        'tsc -p tsconfig.build.json',
      );
      expect(JSON.parse(readText('tsconfig.build.json')).compilerOptions.outDir).toBe('dist/js');
      expect(readText('tools', 'scripts', 'dist-resolve.js')).toContain("'../../dist/js'");
    },
  );

  it('the build context leaves out local installs, build output, data and secrets', () => {
    const ignored = fs
      .readFileSync(fromRoot('.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim());
    for (const entry of ['**/node_modules', 'dist', 'data', '.env', '.git'])
      expect(ignored).toContain(entry);
  });
});

describe('Dockerfile lint', () => {
  const good = [
    '# syntax=docker/dockerfile:1',
    'FROM node:20-slim AS build',
    'WORKDIR /src',
    'COPY . .',
    'RUN npm ci \\',
    ' && npm run build:dist \\',
    ' && npm prune --omit=dev',
    'FROM node:20-slim',
    'ENV NODE_ENV=production PORT=3003',
    'WORKDIR /app',
    'COPY --from=build /src/node_modules ./node_modules',
    'COPY --from=build /src/dist/js ./dist/js',
    'USER 1000:1000',
    'EXPOSE 3003',
    'CMD ["node", "-r", "/app/tools/scripts/dist-resolve.js", "/app/dist/js/apps/reporting/src/main.js"]',
  ];
  const lint = (lines: string[]): string[] =>
    lintDockerfile(lines.join('\n'), { app: 'reporting', port: 3003 });
  const replace = (from: string, to: string[]): string[] =>
    good.flatMap((l) => (l === from ? to : [l]));

  it('accepts a well-formed service Dockerfile', () => {
    expect(lint(good)).toEqual([]);
  });

  it.each([
    [
      'a single stage',
      good.slice(7).map((l) => l.replace('COPY --from=build /src/', 'COPY ')),
      /not multi-stage/,
    ],
    [
      'another base image',
      replace('FROM node:20-slim', ['FROM node:20']),
      /must start FROM node:20-slim/,
    ],
    [
      'a final stage built on the build stage',
      replace('FROM node:20-slim', ['FROM build']),
      /final stage must start FROM node:20-slim/,
    ],
    ['no USER', replace('USER 1000:1000', []), /no USER/],
    ['USER root', replace('USER 1000:1000', ['USER root']), /must not run as root/],
    ['USER 0:0', replace('USER 1000:1000', ['USER 0:0']), /must not run as root/],
    [
      'npm install in the final stage',
      replace('WORKDIR /app', ['WORKDIR /app', 'RUN npm install']),
      /installs dev dependencies/,
    ],
    [
      'npm ci in the final stage',
      replace('WORKDIR /app', ['WORKDIR /app', 'RUN apt-get update && npm ci']),
      /installs dev dependencies/,
    ],
    [
      'node_modules from an unpruned stage',
      replace(' && npm prune --omit=dev', [' && true']),
      /never drops the dev dependencies/,
    ],
    [
      'the whole context in the final stage',
      replace('WORKDIR /app', ['WORKDIR /app', 'COPY . .']),
      /whole build context/,
    ],
    ['another port', replace('EXPOSE 3003', ['EXPOSE 3000']), /listens on 3003/],
    [
      'a secret in ENV',
      replace('WORKDIR /app', ['ENV NATS_PASS=hunter2', 'WORKDIR /app']),
      /NATS_PASS: credentials/,
    ],
    [
      'AMI_URL in ENV',
      replace('WORKDIR /app', ['ENV AMI_URL ami://u:s@pbx:5038']),
      /AMI_URL: credentials/,
    ],
    [
      'a secret in ARG',
      replace('WORKDIR /src', ['ARG NPM_TOKEN', 'WORKDIR /src']),
      /NPM_TOKEN: credentials/,
    ],
    [
      'a URL with a password',
      replace('WORKDIR /app', ['ENV UPSTREAM=postgres://u:pw@db/x', 'WORKDIR /app']),
      /URL with a password/,
    ],
    [
      'a HEALTHCHECK',
      replace('EXPOSE 3003', ['EXPOSE 3003', 'HEALTHCHECK CMD curl -f localhost:3003/health/live']),
      /no HEALTHCHECK/,
    ],
    [
      'a shell-form CMD',
      replace(good[good.length - 1], ['CMD node dist/js/apps/reporting/src/main.js']),
      /exec form/,
    ],
    [
      'another app',
      replace(good[good.length - 1], ['CMD ["node", "/app/dist/js/apps/ami-gateway/src/main.js"]']),
      /does not start/,
    ],
  ])('rejects %s', (_what, lines, message) => {
    expect(lint(lines).join('\n')).toMatch(message);
  });
});
