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
import { registerGet } from './get.js';
import { registerInfo } from './info.js';
import { registerLabel } from './label.js';
import { registerRollout } from './rollout.js';
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
  registerInfo(program, wrap);
  registerCompletion(program, wrap);
  registerDemo(program, wrap);
}
