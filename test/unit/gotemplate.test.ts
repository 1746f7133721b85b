// The go-template printer against what kubectl v1.32 printed for the same templates and object.

import { describe, expect, it } from 'vitest';
import { printGoTemplate } from '../../src/printers/gotemplate/index.js';
import { PrinterError } from '../../src/printers/errors.js';

const deploy = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: { replicas: 3, ratio: 0.5, template: { spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
};

const run = (t: string) => printGoTemplate(t, deploy);
const fail = (t: string) => {
  try {
    run(t);
  } catch (e) {
    expect(e).toBeInstanceOf(PrinterError);
    return (e as PrinterError).message;
  }
  throw new Error('no error');
};

describe('go-template', () => {
  it('prints fields, missing keys and whole numbers as kubectl does', () => {
    expect(run('{{.metadata.name}} {{.spec.replicas}} {{.metadata.foo}} {{len .spec.template.spec.containers}}')).toBe('web 3 <no value> 1');
    expect(run('{{if eq .spec.replicas 3}}x{{end}}{{printf "%T %T %T" .spec.replicas .spec.ratio 1}}')).toBe('xint64 float64 int');
  });

  it('runs variables, range over maps and slices, with, else if, define and block', () => {
    expect(run('{{ $x := .metadata }}{{ $x.name }} {{ $.kind }}{{range $i, $c := .spec.template.spec.containers}} {{$i}}:{{$c.name}}{{end}}')).toBe('web Deployment 0:nginx');
    expect(run('{{range $k, $v := .metadata.labels}}{{$k}}={{$v}}{{end}}{{range .missing}}x{{else}} none{{end}}')).toBe('app=web none');
    expect(run('{{with .missing}}a{{else with .kind}}{{.}}{{end}} {{if eq .kind "x"}}1{{else if .kind}}2{{end}}')).toBe('Deployment 2');
    expect(run('{{define "t"}}[{{.}}]{{end}}{{template "t" .kind}}{{block "b" .metadata.name}}<{{.}}>{{end}}')).toBe('[Deployment]<web>');
    expect(run('{{- "a" -}}  {{- "b" }}  {{/* c */}} {{- "d"}}')).toBe('ab  d');
  });

  it('formats as Go fmt does', () => {
    expect(run('{{printf "%5.1f|%-6s|%q|%d|%x|%05d|%+.2e|%g" .spec.replicas .kind .kind .spec.replicas .kind 42 1234.5678 0.00001}}')).toBe(
      '%!f(int64=    3)|Deployment|"Deployment"|3|4465706c6f796d656e74|00042|+1.23e+03|1e-05',
    );
    expect(run('{{printf "%s %d"}} {{printf "%s" 1 2}} {{print 1 2 "a" 3.5 nil .missing}}')).toBe('%!s(MISSING) %!d(MISSING) %!s(int=1)%!(EXTRA int=2) 1 2a3.5 <nil> <nil>');
    expect(run('{{html "<a&b>"}} {{js "a\\"b<>="}} {{urlquery "a b&c/d"}} {{slice "abcdef" 1 3}} {{index "abc" 1}}')).toBe('&lt;a&amp;b&gt; a\\"b\\u003C\\u003E\\u003D a+b%26c%2Fd bc 98');
    expect(run('{{and 1 0 2}} {{or 0 "" "z"}} {{not .missing}} {{exists . "spec" "replicas"}} {{exists . "nope"}} {{base64decode "aGVsbG8="}}')).toBe('0 z true true false hello');
  });

  it('reports parse errors as kubectl does', () => {
    expect(fail('{{.x}')).toBe('error parsing template {{.x}, template: output:1: bad character U+007D \'}\'');
    expect(fail('{{end}}')).toBe('error parsing template {{end}}, template: output:1: unexpected {{end}}');
    expect(fail('{{foo}}')).toBe('error parsing template {{foo}}, template: output:1: function "foo" not defined');
    expect(fail('{{range .x}}')).toBe('error parsing template {{range .x}}, template: output:1: unexpected EOF');
  });

  it('reports execution errors with the node and its position', () => {
    expect(fail('{{.metadata.name.foo}}')).toBe(
      'error executing template "{{.metadata.name.foo}}": template: output:1:11: executing "output" at <.metadata.name.foo>: can\'t evaluate field foo in type interface {}',
    );
    expect(fail('{{eq 1 1.0}}')).toMatch(/at <eq 1 1.0>: error calling eq: incompatible types for comparison$/);
    expect(fail('{{index .spec.template.spec.containers 1}}')).toMatch(/error calling index: reflect: slice index out of range$/);
    expect(fail('{{range 3}}{{end}}')).toMatch(/output:1:8: executing "output" at <3>: range can't iterate over 3$/);
    expect(() => printGoTemplate('{{.metadata.nope}}', deploy, true)).toThrow('error executing template "{{.metadata.nope}}": template: output:1:11: executing "output" at <.metadata.nope>: map has no entry for key "nope"');
  });
});
