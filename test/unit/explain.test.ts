// kubectl explain's text, checked against what kubectl v1.32 printed for the same schemas.

import { describe, expect, it } from 'vitest';
import { explain, ExplainError, kindSchema, wrap } from '../../src/printers/explain.js';

const pod = { group: '', version: 'v1', kind: 'Pod' };
const deploy = { group: 'apps', version: 'v1', kind: 'Deployment' };
const run = (gvk: typeof pod, path: string[], recursive = false) => explain(gvk, kindSchema(gvk)!, path, recursive);

describe('explain', () => {
  it('prints a leaf field with its wrapped description', () => {
    expect(run(pod, ['spec', 'containers', 'imagePullPolicy'])).toBe(
      'KIND:       Pod\nVERSION:    v1\n\nFIELD: imagePullPolicy <string>\n\n\nDESCRIPTION:\n' +
        '    Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if\n' +
        '    :latest tag is specified, or IfNotPresent otherwise. Cannot be updated. More\n' +
        '    info: https://kubernetes.io/docs/concepts/containers/images#updating-images\n    \n\n',
    );
  });

  it('prints the group, the field and its type description, and the fields with -required-', () => {
    const text = run(deploy, ['spec']);
    expect(text.startsWith('GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: spec <DeploymentSpec>\n\n\nDESCRIPTION:\n    Specification of the desired behavior of the Deployment.\n    DeploymentSpec is the specification of the desired behavior of the\n    Deployment.\n    \nFIELDS:\n  minReadySeconds\t<integer>\n')).toBe(true);
    expect(text.endsWith('  template\t<PodTemplateSpec> -required-\n    Template describes the pods that will be created. The only allowed\n    template.spec.restartPolicy value is "Always".\n\n\n')).toBe(true);
  });

  it('lists fields recursively, plain types for references to strings', () => {
    const text = run(pod, ['spec', 'containers', 'resources'], true);
    expect(text.endsWith('FIELDS:\n  claims\t<[]ResourceClaim>\n    name\t<string> -required-\n    request\t<string>\n  limits\t<map[string]Quantity>\n  requests\t<map[string]Quantity>\n\n')).toBe(true);
    expect(run({ group: '', version: 'v1', kind: 'ConfigMap' }, [], true)).toContain('    creationTimestamp\t<string>\n');
  });

  it('names the last field of a path that does not exist, after the header', () => {
    const e = (() => {
      try {
        run(pod, ['spec', 'foo', 'bar']);
      } catch (err) {
        return err as ExplainError;
      }
    })();
    expect(e).toBeInstanceOf(ExplainError);
    expect([e!.message, e!.output]).toEqual(['field "bar" does not exist', 'KIND:       Pod\nVERSION:    v1\n\n']);
  });

  it('wraps as go-wordwrap does: long words stay whole', () => {
    expect(wrap('aaa bbb ccc', 7)).toBe('aaa bbb\nccc');
    expect(wrap('x https://example.com/a/very/long/url y', 10)).toBe('x\nhttps://example.com/a/very/long/url\ny');
  });
});
