import type { SchemaObject } from '@nestjs/swagger';

// Reply shapes for /api/docs, written against the contract's types. The swagger plugin reads
// classes only, and the contract holds interfaces: `shape<T>` takes one schema per field of T, so
// a field added to a contract type and not described here stops the build.

const OPTIONAL = Symbol('optional');
type Field = SchemaObject & { [OPTIONAL]?: true };

export const integer: SchemaObject = { type: 'integer' };
export const number: SchemaObject = { type: 'number' };
export const string: SchemaObject = { type: 'string' };
export const boolean: SchemaObject = { type: 'boolean' };
export const dateTime: SchemaObject = { type: 'string', format: 'date-time' };
/** A file's bytes: a download's reply, with @ApiProduces naming its content types. */
export const binary: SchemaObject = { type: 'string', format: 'binary' };
export const always = (value: boolean | string): SchemaObject => ({ type: typeof value === 'boolean' ? 'boolean' : 'string', enum: [value] });
export const oneOf = (...values: string[]): SchemaObject => ({ type: 'string', enum: values });
export const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true });
export const arrayOf = (items: SchemaObject): SchemaObject => ({ type: 'array', items });
export const anyOf = (...schemas: SchemaObject[]): SchemaObject => ({ oneOf: schemas });
/** A field that may be absent from the reply. */
export const optional = (schema: SchemaObject): Field => ({ ...schema, [OPTIONAL]: true });
export const record = (values: SchemaObject): SchemaObject => ({ type: 'object', additionalProperties: values });

/** An object with every field of T described; fields marked optional() are left out of `required`. */
export function shape<T>(fields: { [K in keyof T]-?: Field }): SchemaObject {
  const properties: Record<string, SchemaObject> = {};
  const required: string[] = [];
  for (const [name, field] of Object.entries<Field>(fields)) {
    const { [OPTIONAL]: isOptional, ...schema } = field;
    properties[name] = schema;
    if (!isOptional) required.push(name);
  }
  return { type: 'object', properties, ...(required.length ? { required } : {}) };
}

/** T's schema with more fields (a reply that adds to a contract type). */
export const extend = <T>(base: SchemaObject, fields: { [K in keyof T]-?: Field }): SchemaObject => {
  const more = shape<T>(fields);
  return { ...base, properties: { ...base.properties, ...more.properties }, required: [...(base.required ?? []), ...(more.required ?? [])] };
};
