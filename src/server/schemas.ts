import { Type, type Static, type TSchema, type TUnsafe } from '@sinclair/typebox';

/** Shared HTTP schema pieces. */
export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid });

/** Every error response documents the same problem+json body. */
// A bare `$ref` to the shared schema Fastify registers (`Problem#`); TypeBox has no type for a reference to an external id.
export const problem = { $ref: 'Problem#' } as unknown as TSchema;
export const errorResponses = {
  400: problem,
  401: problem,
  403: problem,
  404: problem,
  409: problem,
} as const;

export const Paging = {
  // 100,000 pages of 500 is further than any register goes; beyond it OFFSET only costs time.
  page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 500, default: 25 }),
};

export const listOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer({ minimum: 0 }) });

/**
 * The answer of a list route built with `listOf`, given the type of its rows: the web names its
 * pages with it (`ListOf<ContractListItem>`, decision 0501), so a change of the page shape here
 * is a type error there.
 */
export type ListOf<Item> = Static<ReturnType<typeof listOf<TUnsafe<Item>>>>;

/** A string enum that keeps its literal type and shows as `enum` in OpenAPI. */
export const enumOf = <const T extends readonly string[]>(values: T, options: { description?: string; default?: T[number] } = {}): TUnsafe<T[number]> =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
