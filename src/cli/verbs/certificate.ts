// kubectl certificate approve|deny: the Approved or Denied condition written through the CSR's
// approval subresource; the signer controller issues approved certificates.

import type { Command } from 'commander';
import { resourceInfo } from '../../api/scheme.js';
import { updateApproval } from '../../apiserver/approval.js';
import type { KObject } from '../../api/types.js';
import type { CsrObject } from '../../kinds/certificatesigningrequest.js';
import { parseOutput, printEach } from '../../printers/output.js';
import { CliError, ExitCode } from '../errors.js';
import type { Action } from '../root.js';
import { readManifests } from './manifests.js';
import { outputOption, repeatable } from './flags.js';

const CSRS = resourceInfo('certificatesigningrequests');

function modifyAction(approve: boolean): Action {
  const type = approve ? 'Approved' : 'Denied';
  const verb = approve ? 'approve' : 'deny';
  return async (session, args, opts) => {
    const files = opts.filename as string[] | undefined;
    const names = [...args];
    if (files?.length) {
      for (const m of await readManifests(session, files, !!opts.recursive)) {
        if (m.info.resource !== CSRS.resource) throw new CliError(`can only ${verb} CertificateSigningRequests`);
        names.push(m.obj.metadata.name);
      }
    }
    if (!names.length) throw new CliError('one or more CSRs must be specified as <name> or -f <filename>', `certificate ${verb}`);
    const output = opts.output as string | undefined;
    const format = output === undefined || output === 'name' ? undefined : parseOutput(output, 'certificate');
    const { lines, errors, objects } = await session.change((api) => {
      const out: string[] = [];
      const objects: KObject[] = [];
      const errs: string[] = [];
      for (const name of names) {
        const csr = api.find(CSRS, undefined, name) as CsrObject | undefined;
        if (!csr) {
          errs.push(`Error from server (NotFound): certificatesigningrequests.certificates.k8s.io "${name}" not found`);
          continue;
        }
        const conditions = csr.status?.conditions ?? [];
        const other = approve ? 'Denied' : 'Approved';
        if (conditions.some((c) => c.type === other)) throw new CliError(`certificate signing request "${name}" is already ${other}`);
        const already = conditions.some((c) => c.type === type);
        if (!already || opts.force) {
          const added = already
            ? conditions
            : [...conditions, { type, status: 'True', reason: approve ? 'KubectlApprove' : 'KubectlDeny', message: `This CSR was ${approve ? 'approved' : 'denied'} by kubectl certificate ${verb}.`, lastUpdateTime: api.cluster.now() }];
          updateApproval(api, name, added);
        }
        objects.push(api.get(CSRS, undefined, name));
        out.push(output === 'name' ? `certificatesigningrequest.certificates.k8s.io/${name}` : `certificatesigningrequest.certificates.k8s.io/${name} ${approve ? 'approved' : 'denied'}`);
      }
      return { lines: out, errors: errs, objects };
    });
    if (format) session.io.out(await printEach(format, objects));
    else for (const l of lines) session.io.out(l + '\n');
    if (errors.length) {
      session.io.err(errors.join('\n') + '\n');
      throw new ExitCode(1);
    }
  };
}

export function registerCertificate(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  const certificate = program.command('certificate').description('Modify certificate resources');
  for (const approve of [true, false]) {
    const verb = approve ? 'approve' : 'deny';
    certificate
      .command(verb)
      .description(approve ? 'Approve a certificate signing request' : 'Deny a certificate signing request')
      .usage('(-f FILENAME | NAME)')
      .argument('[NAME...]')
      .addOption(repeatable('-f, --filename <file>', 'Filename, directory, or URL to files identifying the resource to update'))
      .option('--force', `Update the CSR even if it is already ${approve ? 'approved' : 'denied'}.`)
      .option('-R, --recursive', 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.')
      .option('-k, --kustomize <dir>', 'Process the kustomization directory. This flag can\'t be used together with -f or -R.')
      .option('--allow-missing-template-keys', 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.')
      .option('--show-managed-fields', 'If true, keep the managedFields when printing objects in JSON or YAML format.')
      .addOption(outputOption('Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).'))
      .addHelpText('after', `
Examples:
  # ${approve ? 'Approve' : 'Deny'} CSR 'csr-sqgzp'
  kctl certificate ${verb} csr-sqgzp`)
      .action(wrap(modifyAction(approve)));
  }
}
