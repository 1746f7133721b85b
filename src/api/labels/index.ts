// Label selectors, as apimachinery's labels package and metav1's LabelSelector helpers.
// Parse errors carry the API server's text; kubectl shows it after
// `Error from server (BadRequest): Unable to find ... that match label selector ...: `.

export { SelectorError, type Selector } from './types.js';
export { parseSelector, parseSelectors } from './parse.js';
export { formatLabelSelector, formatLabels, selectorFromLabelSelector, selectorFromMap, type LabelSelector } from './selector.js';
