// The programs every image has, busybox/GNU flavoured with GNU messages and exit statuses.

import type { Program } from '../program.js';
import { date } from './date.js';
import { echo } from './echo.js';
import { cat, chmod, cp, mkdir, mv, rm, rmdir, touch } from './files.js';
import { grep } from './grep.js';
import { ls } from './ls.js';
import { printf } from './printf.js';
import {
  basename, dirname, env, falseProgram, hostname, id, printenv, pwd, seq, sleep, trueProgram, uname, which, whoami,
} from './system.js';
import { tar } from './tar.js';
import { test } from './test.js';
import { cut, head, sort, tail, tee, uniq, wc } from './text.js';
import { tr } from './tr.js';

export const coreutils: Record<string, Program> = {
  echo, printf, cat, cp, mv, rm, mkdir, rmdir, touch, chmod, ls, grep, head, tail, wc, sort, uniq, cut, tr, tee,
  hostname, printenv, env, sleep, true: trueProgram, false: falseProgram, id, whoami, uname, date, seq, pwd, which,
  basename, dirname, test, '[': test, tar,
};
