// kubectl's JSONPath dialect (client-go util/jsonpath), evaluated over decoded JSON values.
// Values are what kubectl's unstructured decoding yields: integral numbers act as Go int64,
// other numbers as float64, so printing and comparisons follow Go's rules for those types.

export { JsonPathError, type JsonPathTemplate } from './types.js';
export { parseJsonPath } from './parse.js';
export { executeJsonPath, findJsonPathResults, formatJsonPathValue, relaxedJsonPathExpression, type ExecuteOptions } from './execute.js';
