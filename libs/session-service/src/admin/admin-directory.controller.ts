import { Body, Controller, Get, Headers, HttpStatus, Put, Res } from '@nestjs/common';
import { ApiConsumes } from '@nestjs/swagger';
import { ApiBodyFrom, ApiError, CurrentPrincipal, Roles, parseInput, type Principal } from '@switchboard/platform';
import type { FastifyReply } from 'fastify';
import { parse as parseYaml } from 'yaml';
import { expectedVersionOf } from './admin-errors';
import { tagVersion } from './admin-http';
import { directoryDocument, type DirectoryDocument } from './admin-schemas';
import { directoryView, type DirectoryAdminView } from './admin-views';
import { credentialChange, type CredentialChange } from './credentials';
import { DirectoryAdmin } from './directory-admin.service';
import { replaceDirectory, type ImportCredentials } from './directory-changes';
import { YAML_CONTENT_TYPES } from './yaml-body';

export interface DirectoryResponse {
  readonly version: number;
  readonly directory: DirectoryAdminView;
}

/**
 * The whole directory: read it (admins and supervisors; no PIN or password hash is ever shown),
 * or replace it with a JSON or YAML document (admins; the YAML import). The response's version
 * (also the ETag) is what If-Match takes: a PUT with an older one is refused with 409 conflict.
 */
@Roles('admin', 'supervisor')
@Controller('api/admin/directory')
export class AdminDirectoryController {
  constructor(
    private readonly admin: DirectoryAdmin,
  ) {}

  @Get()
  read(@Res({ passthrough: true }) reply: FastifyReply): DirectoryResponse {
    const { directory, version } = this.admin.inForce;
    tagVersion(reply, version);
    return { version, directory: directoryView(directory) };
  }

  /**
   * Agents and users given without credentials keep theirs (a GET can be PUT back); `pin` and
   * `password` are plaintext, hashed at once; `pinHash` / `passwordHash` are taken as in the file.
   */
  @Roles('admin')
  @Put()
  @ApiConsumes('application/json', ...YAML_CONTENT_TYPES)
  @ApiBodyFrom(directoryDocument)
  async replace(
    @Body() body: unknown,
    @Headers('if-match') ifMatch: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DirectoryResponse> {
    const expected = expectedVersionOf(ifMatch);
    const document = parseInput(directoryDocument, typeof body === 'string' ? yamlOf(body) : body);
    const credentials = await importCredentials(document);
    const { directory, version } = await this.admin.apply(replaceDirectory(document, credentials), principal, expected);
    tagVersion(reply, version);
    return { version, directory: directoryView(directory) };
  }
}

function yamlOf(text: string): unknown {
  try {
    return parseYaml(text);
  } catch (error) {
    // The first line only: the rest quotes the document, which may hold a PIN.
    throw new ApiError('invalid_input', `YAML: ${(error as Error).message.split('\n')[0]}`, HttpStatus.BAD_REQUEST);
  }
}

/** Every plaintext PIN and password of the document, hashed before anything else happens. */
async function importCredentials(document: DirectoryDocument): Promise<ImportCredentials> {
  const agents = new Map<string, CredentialChange>();
  for (const agent of document.agents) agents.set(String(agent.id), await credentialChange(agent));
  const users = new Map<string, CredentialChange>();
  for (const user of document.users ?? []) users.set(String(user.login), await credentialChange(user));
  return { agents, users };
}
