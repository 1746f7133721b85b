// The parsed form of a template, and the values it can produce besides decoded JSON.

export class JsonPathError extends Error {
  override name = 'JsonPathError';
}

export interface ListNode {
  type: 'list';
  nodes: Node[];
}

export interface ParamsEntry {
  value: number;
  known: boolean;
  derived: boolean;
}

export type Node =
  | ListNode
  | { type: 'text'; text: string }
  | { type: 'field'; value: string }
  | { type: 'array'; params: [ParamsEntry, ParamsEntry, ParamsEntry] }
  | { type: 'filter'; left: ListNode; right: ListNode; operator: string }
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'wildcard' }
  | { type: 'recursive' }
  | { type: 'union'; nodes: ListNode[] }
  | { type: 'identifier'; name: string };

export interface JsonPathTemplate {
  readonly source: string;
  readonly root: ListNode;
}
