// The verbs of kctl, each in its own module.

import type { Command } from 'commander';
import type { Action } from '../root.js';
import { registerApply } from './apply.js';
import { registerCompletion } from './completion.js';
import { registerCreate } from './create.js';
import { registerDelete } from './delete.js';
import { registerDemo } from './demo.js';
import { registerDescribe } from './describe.js';
import { registerExpose } from './expose.js';
import { registerExec } from './exec.js';
import { registerGet } from './get.js';
import { registerHost } from './host.js';
import { registerInfo } from './info.js';
import { registerLabel } from './label.js';
import { registerLogs } from './logs.js';
import { registerRollout } from './rollout.js';
import { registerRun } from './run.js';
import { registerScale } from './scale.js';

export function registerVerbs(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  registerGet(program, wrap);
  registerDescribe(program, wrap);
  registerApply(program, wrap);
  registerCreate(program, wrap);
  registerDelete(program, wrap);
  registerLabel(program, wrap);
  registerScale(program, wrap);
  registerExpose(program, wrap);
  registerRollout(program, wrap);
  registerRun(program, wrap);
  registerExec(program, wrap);
  registerLogs(program, wrap);
  registerHost(program, wrap);
  registerInfo(program, wrap);
  registerCompletion(program, wrap);
  registerDemo(program, wrap);
}
