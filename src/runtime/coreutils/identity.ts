// Who the current process runs as. Processes run as root unless $USER names another account;
// uids and groups come from the image's /etc/passwd and /etc/group.

import type { VirtualFS } from '../fs.js';

export interface Identity {
  user: string;
  uid: number;
  gid: number;
  group: string;
  home: string;
}

function records(fs: VirtualFS, path: string): string[][] {
  return (fs.readFile(path) ?? '').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(':'));
}

export function userByName(fs: VirtualFS, name: string): Identity | null {
  const rec = records(fs, '/etc/passwd').find((r) => r[0] === name);
  if (!rec) return null;
  const uid = Number(rec[2]);
  const gid = Number(rec[3]);
  return { user: name, uid, gid, group: groupName(fs, gid) ?? name, home: rec[5] || '/' };
}

export function groupName(fs: VirtualFS, gid: number): string | null {
  return records(fs, '/etc/group').find((r) => Number(r[2]) === gid)?.[0] ?? (gid === 0 ? 'root' : null);
}

export function currentIdentity(fs: VirtualFS, env: Map<string, string>): Identity {
  const name = env.get('USER') || env.get('LOGNAME') || 'root';
  const known = userByName(fs, name);
  if (known) return known;
  if (name === 'root') return { user: 'root', uid: 0, gid: 0, group: 'root', home: '/root' };
  return { user: name, uid: 1000, gid: 1000, group: name, home: env.get('HOME') ?? '/' };
}
