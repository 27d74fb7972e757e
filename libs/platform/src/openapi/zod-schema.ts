import { ApiBody, ApiQuery } from '@nestjs/swagger';
import type { ZodObject, ZodRawShape, ZodTypeAny } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';

/**
 * The request schemas are zod (they validate at the edge through parseInput); these decorators
 * document the same schemas, so the OpenAPI document cannot drift from what is enforced.
 */
type JsonSchema = Record<string, unknown>;

export function jsonSchemaOf(schema: ZodTypeAny): JsonSchema {
  // OpenAPI 3.0 dialect, nothing referenced out of line. (The cast through unknown stops tsc
  // from instantiating zodToJsonSchema's deep generic over our schema types.)
  const convert = zodToJsonSchema as unknown as (s: unknown, o: object) => JsonSchema;
  const json = { ...convert(schema, { target: 'openApi3', $refStrategy: 'none' }) };
  delete json['$schema'];
  return json;
}

/** Documents a JSON request body validated by this schema. */
export const ApiBodyFrom = (schema: ZodTypeAny) => ApiBody({ schema: jsonSchemaOf(schema) as never });

/** Documents every query parameter of an object schema validated by parseInput. */
export function ApiQueryFrom<T extends ZodRawShape>(schema: ZodObject<T>): MethodDecorator {
  const decorators = Object.entries(schema.shape).map(([name, field]) =>
    ApiQuery({ name, required: !(field as ZodTypeAny).isOptional(), schema: jsonSchemaOf(field as ZodTypeAny) as never }),
  );
  return (target, key, descriptor) => {
    for (const decorate of decorators) decorate(target, key, descriptor);
  };
}
