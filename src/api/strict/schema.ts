// The Go shape of every object the API server decodes (schema.json, written by
// scripts/gen-schema.mjs). Only commands that write objects need it: import it (or ./index.js,
// which does) with `await import()`, so that the bundle keeps it out of the CLI's start-up path.

import data from './schema.json';

/**
 * A type expression:
 *  - `string`, `bool`, `int32`, `int64`: Go scalars;
 *  - `bytes`: []byte (base64 in JSON);
 *  - `quantity`, `intstr`, `time`, `microtime`: resource.Quantity, intstr.IntOrString, metav1.Time,
 *    metav1.MicroTime, whose own UnmarshalJSON decides what they accept;
 *  - `raw`: runtime.RawExtension or metav1.FieldsV1, which take any JSON;
 *  - `[]E`: a slice of E; `{K}E`: a map from K (a string kind) to E;
 *  - a key of `named`: a named non-struct Go type such as `v1.ServiceType`;
 *  - a key of `structs`.
 */
export type TypeExpr = string;

export interface StructType {
  /** The Go type as reflect prints it: `v1.DeploymentSpec`. */
  t: string;
  /** JSON field name → its type. */
  f: Record<string, TypeExpr>;
}

export interface Schema {
  generator: string;
  source: string;
  /** `apiVersion/Kind` (`apps/v1/Deployment`, `v1/Pod`) → key of its struct. */
  kinds: Record<string, string>;
  /** Named non-struct Go type → its underlying type expression. */
  named: Record<string, TypeExpr>;
  structs: Record<string, StructType>;
}

export const schema: Schema = data;
