/** One PBX the gateway connects to, from AMI_URL (ami://user:secret@host:port?id=pbx1). */
export interface AmiEndpoint {
  readonly pbxId: string;
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly secret: string;
}

const DEFAULT_AMI_PORT = 5038;

/**
 * Parses a comma-separated AMI_URL. PBX ids default to pbx1, pbx2… in order; `?id=` overrides.
 * Errors never echo the URL: it holds the AMI secret.
 */
export function parseAmiUrls(value: string): AmiEndpoint[] {
  const parts = value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  const endpoints = parts.map((part, index) => parseOne(part, index));
  const ids = new Set<string>();
  for (const e of endpoints) {
    if (ids.has(e.pbxId)) throw new Error(`AMI_URL: PBX id "${e.pbxId}" is used twice`);
    ids.add(e.pbxId);
  }
  return endpoints;
}

function parseOne(part: string, index: number): AmiEndpoint {
  let url: URL;
  try {
    url = new URL(part);
  } catch {
    throw new Error(`AMI_URL entry ${index + 1} is not a URL (expected ami://user:secret@host:port)`);
  }
  if (url.protocol !== 'ami:') {
    throw new Error(`AMI_URL entry ${index + 1}: scheme must be ami://, got ${url.protocol}//`);
  }
  if (!url.username || !url.password) {
    throw new Error(`AMI_URL entry ${index + 1}: user and secret are required`);
  }
  const pbxId = url.searchParams.get('id') ?? `pbx${index + 1}`;
  if (!/^[A-Za-z0-9_-]+$/.test(pbxId)) {
    throw new Error(`AMI_URL entry ${index + 1}: id "${pbxId}" may only hold letters, digits, _ and -`);
  }
  return {
    pbxId,
    host: url.hostname,
    port: url.port ? Number(url.port) : DEFAULT_AMI_PORT,
    username: decodeURIComponent(url.username),
    secret: decodeURIComponent(url.password),
  };
}

/** For logs: the endpoint without its secret. */
export function describeEndpoint(e: AmiEndpoint): string {
  return `${e.pbxId} (${e.username}@${e.host}:${e.port})`;
}
