import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

/**
 * Fastify compiles a validator (Ajv) and a serializer (fast-json-stringify) for every route when
 * the app starts. With ~150 routes that was about 1.2 s of every restart (decision 0421), spent on
 * routes a given process may never serve. These factories keep Fastify's own compilers and only
 * defer each compilation to the route's first request; the compiled function is then reused, so
 * the answer is identical. A schema that cannot compile fails that route's first request with a
 * 500 instead of failing the start; the API tests call every route, which catches it earlier.
 */

// Fastify's default compilers, the very packages it uses itself (its dependencies).
const require = createRequire(import.meta.url);
const fastifyRequire = createRequire(require.resolve('fastify'));
const ValidatorSelector = fastifyRequire('@fastify/ajv-compiler') as () => CompilerFactory;
const SerializerSelector = fastifyRequire('@fastify/fast-json-stringify-compiler') as () => CompilerFactory;

type CompiledFunction = ((...args: unknown[]) => unknown) & { errors?: unknown };
type RouteCompiler = (routeSchema: unknown) => CompiledFunction;
type CompilerFactory = (externalSchemas: unknown, options: unknown) => RouteCompiler;

function deferred(factory: CompilerFactory): CompilerFactory {
  return (externalSchemas, options) => {
    let compiler: RouteCompiler | null = null;
    return (routeSchema) => {
      let compiled: CompiledFunction | null = null;
      const run: CompiledFunction = function (this: unknown, ...args: unknown[]) {
        compiler ??= factory(externalSchemas, options);
        compiled ??= compiler(routeSchema);
        const result = compiled.apply(this, args);
        // Fastify reads a failed validation's messages from the function it was given.
        run.errors = compiled.errors;
        return result;
      };
      return run;
    };
  };
}

/** `schemaController.compilersFactory` for Fastify: its default compilers, compiled on first use. */
export function lazySchemaCompilers(): NonNullable<FastifyServerOptions['schemaController']>['compilersFactory'] {
  // The wrappers take and return what Fastify's own factories do; their declared types are narrower.
  return { buildValidator: deferred(ValidatorSelector()) as never, buildSerializer: deferred(SerializerSelector()) as never };
}
