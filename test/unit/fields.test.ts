import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  FieldSelectorError,
  convertFieldSelector,
  fieldsOf,
  listErrorMessage,
  parseFieldSelector,
  supportedFieldSelectors,
  unsupportedFieldError,
} from '../../src/api/fields.js';
import { assertProperty } from '../helpers/seed.js';

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(FieldSelectorError);
    return (e as Error).message;
  }
  throw new Error('expected a FieldSelectorError');
}

describe('parseFieldSelector', () => {
  it('matches =, == and != terms, all of them', () => {
    const s = parseFieldSelector('status.phase=Running,spec.nodeName!=node-1,metadata.name==web');
    expect(s.matches({ 'status.phase': 'Running', 'spec.nodeName': 'node-2', 'metadata.name': 'web' })).toBe(true);
    expect(s.matches({ 'status.phase': 'Running', 'spec.nodeName': 'node-1', 'metadata.name': 'web' })).toBe(false);
    expect(parseFieldSelector('spec.nodeName=').matches({})).toBe(true);
    expect(parseFieldSelector('spec.nodeName!=').matches({ 'spec.nodeName': 'n' })).toBe(true);
  });
  it('lists its terms sorted, with escapes resolved', () => {
    expect(parseFieldSelector('z=1,a!=x\\,y,m==\\=').requirements()).toEqual([
      { field: 'a', operator: '!=', value: 'x,y' },
      { field: 'm', operator: '=', value: '=' },
      { field: 'z', operator: '=', value: '1' },
    ]);
    expect(parseFieldSelector('z=1,a!=x\\,y').toString()).toBe('a!=x\\,y,z=1');
    expect(parseFieldSelector('').empty()).toBe(true);
    expect(parseFieldSelector(',a=b,').requirements()).toHaveLength(1);
  });
  it('rejects malformed selectors with the server wording', () => {
    expect(message(() => parseFieldSelector('foo'))).toBe("invalid selector: 'foo'; can't understand 'foo'");
    expect(message(() => parseFieldSelector('b=1,a'))).toBe("invalid selector: 'b=1,a'; can't understand 'a'");
    expect(message(() => parseFieldSelector('a=b=c'))).toBe('invalid field selector: unescaped character in value: 61');
    expect(message(() => parseFieldSelector('a=b\\x'))).toBe('invalid field selector: invalid escape sequence: \\x');
    expect(message(() => parseFieldSelector('a=b\\'))).toBe('invalid field selector: invalid escape sequence: \\');
  });
});

describe('supported fields', () => {
  it('follow the API server per resource', () => {
    expect(supportedFieldSelectors('pods')).toContain('spec.nodeName');
    expect(supportedFieldSelectors('deployments')).toEqual(['metadata.name', 'metadata.namespace']);
    expect(unsupportedFieldError('pods', 'status.phase')).toBeUndefined();
    // `kubectl get pods --field-selector status.hostIP=...` against a real cluster.
    expect(unsupportedFieldError('pods', 'status.hostIP')).toBe('field label not supported: status.hostIP');
    expect(unsupportedFieldError('deployments', 'foo')).toBe('"foo" is not a known field selector: only "metadata.name", "metadata.namespace"');
    expect(unsupportedFieldError('namespaces', 'metadata.namespace')).toBe('field label not supported: metadata.namespace');
    expect(unsupportedFieldError('secrets', 'type')).toBeUndefined();
    expect(unsupportedFieldError('nodes', 'spec.unschedulable')).toBeUndefined();
    expect(unsupportedFieldError('events', 'involvedObject.uid')).toBeUndefined();
  });
  it('reports the first unsupported term in sorted order and rewrites old spellings', () => {
    expect(convertFieldSelector('pods', parseFieldSelector('zzz=1,foo=bar')).error).toBe('field label not supported: foo');
    const { error, selector } = convertFieldSelector('pods', parseFieldSelector('spec.host=n1'));
    expect(error).toBeUndefined();
    expect(selector.toString()).toBe('spec.nodeName=n1');
    expect(selector.matches({ 'spec.nodeName': 'n1' })).toBe(true);
  });
  it('wraps list errors as kubectl does', () => {
    expect(
      listErrorMessage('/v1, Resource=pods', '', 'status.hostIP=192.168.10.101', 'field label not supported: status.hostIP'),
    ).toBe(
      'Unable to find "/v1, Resource=pods" that match label selector "", field selector "status.hostIP=192.168.10.101": field label not supported: status.hostIP',
    );
    expect(listErrorMessage('/v1, Resource=pods', '', '', 'boom')).toBe('Unable to list "/v1, Resource=pods": boom');
  });
});

describe('fieldsOf', () => {
  it('extracts what the server matches pods on', () => {
    const pod = {
      metadata: { name: 'web', namespace: 'default' },
      spec: { nodeName: 'node-1', restartPolicy: 'Always', schedulerName: 'default-scheduler', serviceAccountName: 'default' },
      status: { phase: 'Running', podIP: '10.0.0.5', podIPs: [{ ip: '10.0.0.5' }, { ip: 'fd00::5' }] },
    };
    expect(fieldsOf('pods', pod)).toEqual({
      'metadata.name': 'web',
      'metadata.namespace': 'default',
      'spec.nodeName': 'node-1',
      'spec.restartPolicy': 'Always',
      'spec.schedulerName': 'default-scheduler',
      'spec.serviceAccountName': 'default',
      'spec.hostNetwork': 'false',
      'status.phase': 'Running',
      'status.podIP': '10.0.0.5',
      'status.nominatedNodeName': '',
    });
    expect(parseFieldSelector('status.phase=Running,spec.hostNetwork=false').matches(fieldsOf('pods', pod))).toBe(true);
  });
  it('covers the other kinds with selectable fields', () => {
    expect(fieldsOf('nodes', { metadata: { name: 'n' }, spec: { unschedulable: true } })['spec.unschedulable']).toBe('true');
    expect(fieldsOf('secrets', { metadata: { name: 's' }, type: 'Opaque' }).type).toBe('Opaque');
    expect(fieldsOf('namespaces', { metadata: { name: 'a' }, status: { phase: 'Active' } })['status.phase']).toBe('Active');
    const ev = fieldsOf('events', { involvedObject: { kind: 'Pod', name: 'web' }, reason: 'Started', type: 'Normal', reportingComponent: 'kubelet' });
    expect([ev['involvedObject.kind'], ev['involvedObject.name'], ev.reason, ev.type, ev.source]).toEqual(['Pod', 'web', 'Started', 'Normal', 'kubelet']);
    expect(fieldsOf('jobs', { status: { succeeded: 2 } })['status.successful']).toBe('2');
    expect(fieldsOf('services', { spec: { type: 'NodePort', clusterIP: '10.96.0.1' } })['spec.type']).toBe('NodePort');
  });
});

describe('properties', () => {
  const field = fc.stringMatching(/^[a-z][a-zA-Z.]{0,12}$/);
  const value = fc.string({ maxLength: 8 });
  it('toString parses back to the same selector', () => {
    assertProperty(
      fc.property(fc.array(fc.tuple(field, fc.constantFrom('=', '!='), value), { maxLength: 4 }), (terms) => {
        const reqs = terms.map(([f, op, v]) => ({ field: f, operator: op, value: v }));
        const text = reqs.map((r) => `${r.field}${r.operator}${r.value.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/=/g, '\\=')}`).join(',');
        const s = parseFieldSelector(text);
        expect(parseFieldSelector(s.toString()).requirements()).toEqual(s.requirements());
        const fields = Object.fromEntries(reqs.map((r) => [r.field, r.value]));
        expect(parseFieldSelector(s.toString()).matches(fields)).toBe(s.matches(fields));
      }),
    );
  });
});
