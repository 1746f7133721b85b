export interface Selector {
  matches(labels: Record<string, string> | undefined): boolean;
  toString(): string;
  empty(): boolean;
}

export type Operator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

export class SelectorError extends Error {
  override name = 'SelectorError';
}
