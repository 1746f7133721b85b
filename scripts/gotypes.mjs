// Reads the Go type descriptors linked into a Go binary (a kubectl): every named type reachable from
// the linker's type links, with struct fields, their tags, and method names. Shared by the generators
// that walk the k8s.io/api types kubectl links (gen-schema.mjs, gen-patchmeta.mjs).
import { readFileSync } from 'node:fs';

// ---- Go type descriptors (ELF, amd64, Go 1.21–1.23 runtime ABI) ----

export function readGoTypes(file) {
  const buf = readFileSync(file);
  if (buf.readUInt32BE(0) !== 0x7f454c46 || buf[4] !== 2 || buf[5] !== 1) throw new Error(`${file}: not a 64-bit little-endian ELF file`);
  const shoff = Number(buf.readBigUInt64LE(0x28));
  const shentsize = buf.readUInt16LE(0x3a);
  const shnum = buf.readUInt16LE(0x3c);
  const shstrndx = buf.readUInt16LE(0x3e);
  const secs = [];
  for (let i = 0; i < shnum; i++) {
    const o = shoff + i * shentsize;
    secs.push({
      nameOff: buf.readUInt32LE(o),
      type: buf.readUInt32LE(o + 4),
      addr: Number(buf.readBigUInt64LE(o + 16)),
      off: Number(buf.readBigUInt64LE(o + 24)),
      size: Number(buf.readBigUInt64LE(o + 32)),
    });
  }
  for (const s of secs) {
    const start = secs[shstrndx].off + s.nameOff;
    s.name = buf.toString('latin1', start, buf.indexOf(0, start));
  }
  const sec = (name) => {
    const s = secs.find((x) => x.name === name);
    if (!s) throw new Error(`${file}: no ${name} section (stripped of Go type links?)`);
    return s;
  };
  const NOBITS = 8;
  const at = (addr) => {
    for (const s of secs) if (s.type !== NOBITS && s.addr && addr >= s.addr && addr < s.addr + s.size) return s.off + (addr - s.addr);
    throw new Error(`address 0x${addr.toString(16)} is outside the file`);
  };
  const u64 = (a) => Number(buf.readBigUInt64LE(at(a)));
  const i32 = (a) => buf.readInt32LE(at(a));
  const u16 = (a) => buf.readUInt16LE(at(a));
  const u8 = (a) => buf[at(a)];

  // runtime.moduledata is the one word in the data sections pointing at .gopclntab whose
  // typelinks slice points at .typelink.
  const pclntab = sec('.gopclntab').addr;
  const typelink = sec('.typelink');
  let md;
  for (const s of [sec('.noptrdata'), sec('.data')]) {
    for (let o = 0; o < s.size && !md; o += 8) {
      if (Number(buf.readBigUInt64LE(s.off + o)) === pclntab && u64(s.addr + o + 352) === typelink.addr) md = s.addr + o;
    }
  }
  if (!md) throw new Error(`${file}: runtime.moduledata not found (unsupported Go version?)`);
  const typesBase = u64(md + 296);

  const varint = (a) => {
    let v = 0;
    for (let n = 0, shift = 0; ; n++, shift += 7) {
      const b = u8(a + n);
      v += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return [v, n + 1];
    }
  };
  const readName = (a) => {
    const flags = u8(a);
    const [len, n] = varint(a + 1);
    const name = buf.toString('utf8', at(a + 1 + n), at(a + 1 + n) + len);
    let tag = '';
    if (flags & 2) {
      const [tlen, m] = varint(a + 1 + n + len);
      const t0 = at(a + 1 + n + len + m);
      tag = buf.toString('utf8', t0, t0 + tlen);
    }
    return { name, tag, exported: !!(flags & 1), embedded: !!(flags & 8) };
  };

  const KIND = ['invalid', 'bool', 'int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr',
    'float32', 'float64', 'complex64', 'complex128', 'array', 'chan', 'func', 'interface', 'map', 'ptr', 'slice', 'string', 'struct', 'unsafe.Pointer'];
  // Size of each kind's descriptor before its uncommon part.
  const EXTRA = { ptr: 56, slice: 56, array: 72, chan: 64, func: 56, interface: 80, map: 88, struct: 80 };
  const cache = new Map();
  const typeAt = (a) => {
    let t = cache.get(a);
    if (t) return t;
    const tflag = u8(a + 20);
    t = { kind: KIND[u8(a + 23) & 0x1f], named: !!(tflag & 4), methods: [] };
    cache.set(a, t);
    t.str = readName(typesBase + i32(a + 40)).name.slice(tflag & 2 ? 1 : 0);
    const ptrToThis = i32(a + 44);
    if (t.kind === 'ptr' || t.kind === 'slice' || t.kind === 'array') t.elem = u64(a + 48);
    if (t.kind === 'map') [t.key, t.elem] = [u64(a + 48), u64(a + 56)];
    if (t.kind === 'struct') {
      const [fp, fl] = [u64(a + 56), u64(a + 64)];
      t.fields = [];
      for (let i = 0; i < fl; i++) t.fields.push({ ...readName(u64(fp + i * 24)), type: u64(fp + i * 24 + 8) });
    }
    if (tflag & 1) {
      const un = a + (EXTRA[t.kind] ?? 48);
      const pkgOff = i32(un);
      t.pkg = pkgOff ? readName(typesBase + pkgOff).name : '';
      const [mcount, moff] = [u16(un + 4), buf.readUInt32LE(at(un + 8))];
      for (let i = 0; i < mcount; i++) t.methods.push(readName(typesBase + i32(un + moff + i * 16)).name);
    }
    t.ptrTo = ptrToThis ? typesBase + ptrToThis : 0;
    return t;
  };

  // Named types are reachable from the unnamed ones the linker lists in .typelink.
  const byName = new Map();
  const seen = new Set();
  const queue = [];
  for (let i = 0; i < typelink.size / 4; i++) queue.push(typesBase + buf.readInt32LE(typelink.off + i * 4));
  while (queue.length) {
    const a = queue.pop();
    if (seen.has(a)) continue;
    seen.add(a);
    const t = typeAt(a);
    if (t.named && t.pkg) byName.set(`${t.pkg}.${t.str.slice(t.str.indexOf('.') + 1)}`, a);
    for (const x of [t.elem, t.key, t.ptrTo, ...(t.fields ?? []).map((f) => f.type)]) if (x) queue.push(x);
  }
  const lookup = (qualified) => {
    const a = byName.get(qualified);
    if (a === undefined) throw new Error(`${file}: no Go type ${qualified}`);
    return a;
  };
  /** Method names of *T and T. */
  const methodsOf = (a) => {
    const t = typeAt(a);
    return [...t.methods, ...(t.ptrTo ? typeAt(t.ptrTo).methods : [])];
  };
  return { typeAt, lookup, methodsOf };
}
