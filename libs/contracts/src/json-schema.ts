/**
 * A JSON Schema (draft-07, the dialect AsyncAPI 3's default schema format extends), as data. Kept
 * loose on purpose: the schema files are checked by ajv, not by the compiler.
 */
export type JsonSchema = { readonly [keyword: string]: unknown };
