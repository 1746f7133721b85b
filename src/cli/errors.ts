// How kubectl renders errors on stderr, and the exit codes that go with them.

import { formatFieldError, StatusError } from '../api/errors.js';
import { resourceForKind } from '../api/scheme.js';
import { PrinterError } from '../printers/errors.js';
import { StateFileError } from '../store/statefile.js';

/** A client-side error: printed as `error: <message>`, optionally with a usage hint. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly usageOf?: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Ends the command with an exit code after its output was already written (exec, run). */
export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export function renderError(e: unknown, debug: boolean): { text: string; code: number } {
  if (e instanceof ExitCode) return { text: '', code: e.code };
  if (e instanceof StatusError) {
    const text = e.reason === 'Invalid' ? e.message : `${serverPrefix(e)}${e.message}`;
    return { text: text + '\n', code: 1 };
  }
  if (e instanceof CliError) {
    const msg = e.message.startsWith('error: ') || e.message.startsWith('Error') ? e.message : `error: ${e.message}`;
    const hint = e.usageOf ? `\nSee 'kctl ${e.usageOf} -h' for help and examples` : '';
    return { text: `${msg}${hint}\n`, code: e.exitCode };
  }
  if (e instanceof StateFileError || e instanceof PrinterError) return { text: `error: ${e.message}\n`, code: 1 };
  const err = e as Error;
  const text = debug && err?.stack ? `${err.stack}\n` : `error: ${err?.message ?? String(e)}\n`;
  return { text, code: 1 };
}

/** kubectl's standardErrorMessage: the reason in brackets, none when the server gave none. */
export function serverPrefix(e: StatusError): string {
  return e.reason ? `Error from server (${e.reason}): ` : 'Error from server: ';
}

/** `error when creating "file": …` for API errors about objects read from a file. */
export function withSource(e: unknown, verb: string, source: string | undefined): unknown {
  if (!(e instanceof StatusError) || !source || e.reason === 'Invalid') return e;
  return new StatusError(e.reason, `error when ${verb} "${source}": ${e.message}`, e.details);
}
