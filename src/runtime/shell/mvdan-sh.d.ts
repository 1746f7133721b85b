// mvdan-sh ships without types; ast.ts is the only place that reads its nodes.
declare module 'mvdan-sh' {
  /** A node of the transpiled Go syntax tree; fields are read by name in ast.ts. */
  export type GoNode = any;

  export interface Parser {
    Parse(src: string, name: string): GoNode;
  }

  const sh: {
    syntax: {
      NewParser(...options: unknown[]): Parser;
      Variant(lang: number): unknown;
      LangBash: number;
      LangPOSIX: number;
      NodeType(node: GoNode): string;
      SplitBraces(word: GoNode): GoNode;
    };
  };
  export default sh;
}
