// kubectl explain: the documentation of a type and its fields, from the OpenAPI v3 schemas the
// server serves (loaded only here).

import { Option, type Command } from 'commander';
import { lookupResource, RESOURCES, type ResourceInfo } from '../../api/scheme.js';
import { CliError, ExitCode } from '../errors.js';
import type { Action } from '../root.js';

/** The longest dotted prefix that names a resource (`deployments.apps.spec` → deployments.apps), and the fields after it. */
function splitResource(arg: string): { info: ResourceInfo; fields: string[] } | undefined {
  const parts = arg.replace(/\.$/, '').split('.');
  for (let n = parts.length; n > 0; n--) {
    const info = lookupResource(parts.slice(0, n).join('.'));
    if (info) return { info, fields: parts.slice(n) };
  }
  return undefined;
}

const explainAction: Action = async (session, args, opts) => {
  if (!args.length) throw new CliError('You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.');
  if (args.length > 1) throw new CliError('We accept only this format: explain RESOURCE');
  const output = (opts.output as string | undefined) ?? 'plaintext';
  if (output !== 'plaintext' && output !== 'plaintext-openapiv2') throw new CliError(`unrecognized format: ${output}`);
  const found = splitResource(args[0]);
  if (!found) {
    session.io.err(`the server doesn't have a resource type "${args[0].split('.')[0]}"\n`);
    throw new ExitCode(1);
  }
  const { info, fields } = found;
  let { group, version } = info;
  if (opts.apiVersion) {
    const gv = String(opts.apiVersion);
    const slash = gv.indexOf('/');
    [group, version] = slash < 0 ? ['', gv] : [gv.slice(0, slash), gv.slice(slash + 1)];
    if (group !== info.group || version !== info.version) {
      const known = RESOURCES.some((r) => r.group === group && r.version === version);
      throw new CliError(known ? `GVR (${group}/${version}, Resource=${info.resource}) not found in OpenAPI schema` : `couldn't find resource for "${group}/${version}, Resource=${info.resource}"`);
    }
  }
  const { explain, kindSchema, ExplainError } = await import('../../printers/explain.js');
  const gvk = { group, version, kind: info.kind };
  const schema = kindSchema(gvk);
  if (!schema) throw new CliError(`GVR (${group}/${version}, Resource=${info.resource}) not found in OpenAPI schema`);
  try {
    session.io.out(explain(gvk, schema, fields, !!opts.recursive, output === 'plaintext-openapiv2'));
  } catch (e) {
    if (!(e instanceof ExplainError)) throw e;
    session.io.out(e.output);
    throw new CliError(e.message);
  }
};

export function registerExplain(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('explain')
    .description(
      `Describe fields and structure of various resources.

 This command describes the fields associated with each supported API resource. Fields are identified via a simple JSONPath identifier:

        <type>.<fieldName>[.<fieldName>]
        
 Information about each field is retrieved from the server in OpenAPI format.

Use "kctl api-resources" for a complete list of supported resources.`,
    )
    .argument('[type]')
    .usage('TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2]')
    .allowExcessArguments()
    .option('--api-version <group/version>', 'Use given api-version (group/version) of the resource.')
    .addOption(new Option('-o, --output <format>', 'Format in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2).').default('plaintext'))
    .option('--recursive', 'When true, print the name of all the fields recursively. Otherwise, print the available fields with their description.')
    .addHelpText(
      'after',
      `
Examples:
  # Get the documentation of the resource and its fields
  kctl explain pods

  # Get all the fields in the resource
  kctl explain pods --recursive

  # Get the explanation for deployment in supported api versions
  kctl explain deployments --api-version=apps/v1

  # Get the documentation of a specific field of a resource
  kctl explain pods.spec.containers

  # Get the documentation of resources in different format
  kctl explain deployment --output=plaintext-openapiv2`,
    )
    .action(wrap(explainAction));
}
