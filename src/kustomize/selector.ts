// The label selectors of patch targets (`app=web,tier!=db,env in (a,b),!x`), as matchers.

export function parseLabelSelectorText(text: string): (labels: Record<string, string>) => boolean {
  const terms = text.split(/,(?![^(]*\))/).map((t) => t.trim()).filter(Boolean);
  const tests = terms.map((t) => {
    let m: RegExpExecArray | null;
    if ((m = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(t))) {
      const values = m[3].split(',').map((v) => v.trim());
      const [key, op] = [m[1], m[2]];
      return (l: Record<string, string>) => (op === 'in' ? key in l && values.includes(l[key]) : !(key in l) || !values.includes(l[key]));
    }
    if ((m = /^(\S+?)\s*(==|!=|=)\s*(\S*)$/.exec(t))) {
      const [key, op, value] = [m[1], m[2], m[3]];
      return (l: Record<string, string>) => (op === '!=' ? l[key] !== value : l[key] === value);
    }
    if (t.startsWith('!')) return (l: Record<string, string>) => !(t.slice(1) in l);
    return (l: Record<string, string>) => t in l;
  });
  return (labels) => tests.every((f) => f(labels));
}
