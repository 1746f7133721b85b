// Sets of field paths, as structured-merge-diff's fieldpath.Set holds them, and their wire form
// FieldsV1 (`{"f:spec":{"f:replicas":{}},"f:containers":{"k:{\"name\":\"web\"}":{".":{},…}}}`).
// A path is a list of path elements, each written as FieldsV1 writes it:
//   f:<field>   a field of a struct or a key of a map
//   k:<json>    an item of an associative list, by its key fields (`k:{"name":"web"}`)
//   v:<json>    an item of a set (`v:"example.com"`)
//   i:<index>   an item of a list that has neither (not produced here: such lists are atomic)

export type PathElement = string;
export type Path = readonly PathElement[];

/** A node of the set: whether its own path is a member, and the paths below it. */
export class FieldSet {
  member = false;
  readonly children = new Map<PathElement, FieldSet>();

  static of(paths: Iterable<Path>): FieldSet {
    const s = new FieldSet();
    for (const p of paths) s.insert(p);
    return s;
  }

  insert(path: Path): void {
    let node: FieldSet = this;
    for (const pe of path) {
      let next = node.children.get(pe);
      if (!next) node.children.set(pe, (next = new FieldSet()));
      node = next;
    }
    node.member = true;
  }

  has(path: Path): boolean {
    const node = this.node(path);
    return !!node?.member;
  }

  /** Whether the path or anything below it is a member. */
  covers(path: Path): boolean {
    const node = this.node(path);
    return !!node && !node.empty;
  }

  private node(path: Path): FieldSet | undefined {
    let node: FieldSet | undefined = this;
    for (const pe of path) node = node?.children.get(pe);
    return node;
  }

  get empty(): boolean {
    return !this.member && [...this.children.values()].every((c) => c.empty);
  }

  /** Every member path, parents before children, elements in FieldsV1's order. */
  *paths(prefix: PathElement[] = []): Generator<Path> {
    if (this.member && prefix.length) yield prefix;
    for (const pe of sortedElements(this.children.keys())) yield* this.children.get(pe)!.paths([...prefix, pe]);
  }

  union(other: FieldSet): FieldSet {
    const out = this.copy();
    for (const p of other.paths()) out.insert(p);
    return out;
  }

  /** The members of this set that `other` lacks. */
  difference(other: FieldSet): FieldSet {
    return FieldSet.of([...this.paths()].filter((p) => !other.has(p)));
  }

  intersection(other: FieldSet): FieldSet {
    return FieldSet.of([...this.paths()].filter((p) => other.has(p)));
  }

  /** The members of this set that are neither in `other` nor below one of its members. */
  recursiveDifference(other: FieldSet): FieldSet {
    return FieldSet.of([...this.paths()].filter((p) => !p.some((_, i) => other.has(p.slice(0, i + 1)))));
  }

  copy(): FieldSet {
    return FieldSet.of(this.paths());
  }

  /** The FieldsV1 object: a member with children gets `".": {}`. */
  toFieldsV1(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (this.member && this.children.size) out['.'] = {};
    for (const pe of sortedElements(this.children.keys())) {
      const child = this.children.get(pe)!;
      if (!child.empty) out[pe] = child.toFieldsV1();
    }
    return out;
  }

  static fromFieldsV1(fields: unknown, node = new FieldSet()): FieldSet {
    if (!fields || typeof fields !== 'object') return node;
    const entries = Object.entries(fields as Record<string, unknown>);
    if (!entries.length) node.member = true;
    for (const [pe, sub] of entries) {
      if (pe === '.') node.member = true;
      else {
        const child = new FieldSet();
        node.children.set(pe, child);
        FieldSet.fromFieldsV1(sub, child);
      }
    }
    return node;
  }
}

const ORDER: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 };

/** fieldpath.PathElement ordering: fields, then keys, values and indexes, each by its text. */
function sortedElements(pes: Iterable<PathElement>): PathElement[] {
  return [...pes].sort((a, b) => ORDER[a[0]] - ORDER[b[0]] || (a < b ? -1 : a > b ? 1 : 0));
}

/** A value as fieldpath prints it in a path: strings quoted, the rest as JSON. */
const printValue = (v: unknown) => JSON.stringify(v);

/** fieldpath.Path.String(): `.spec.template.spec.containers[name="web"].image`. */
export function pathString(path: Path): string {
  return path
    .map((pe) => {
      const body = pe.slice(2);
      if (pe.startsWith('f:')) return `.${body}`;
      if (pe.startsWith('k:')) {
        const key = JSON.parse(body) as Record<string, unknown>;
        return `[${Object.entries(key)
          .map(([k, v]) => `${k}=${printValue(v)}`)
          .join(',')}]`;
      }
      if (pe.startsWith('v:')) return `[=${printValue(JSON.parse(body))}]`;
      return `[${body}]`;
    })
    .join('');
}
