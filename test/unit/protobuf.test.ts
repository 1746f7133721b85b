// Protobuf bodies built by hand: what gogo's Unmarshal accepts and rejects, and how each Go type
// prints as JSON afterwards (zero values, omitempty, Quantity, Time, MicroTime, IntOrString, bytes).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, parseTime } from '../../src/api/protobuf/gotime.js';
import { canEncodeProtobuf, decodeProtobufObject, encodeProtobufObject, ProtobufError } from '../../src/api/protobuf/index.js';
import { WIRE, Writer } from '../../src/api/protobuf/wire.js';
import { canonicalQuantity, quantityError } from '../../src/api/quantity.js';
import { apiVersionOf, RESOURCES } from '../../src/api/scheme.js';
import { assertProperty } from '../helpers/seed.js';

const message = (build: (w: Writer) => void): Uint8Array => {
  const w = new Writer();
  build(w);
  return w.finish();
};

/** `k8s\0` + runtime.Unknown around a raw message. */
function body(apiVersion: string, kind: string, raw: Uint8Array): Uint8Array {
  return message((w) => {
    w.raw(Uint8Array.from([0x6b, 0x38, 0x73, 0]));
    w.bytes(
      1,
      message((t) => {
        if (apiVersion) t.string(1, apiVersion);
        if (kind) t.string(2, kind);
      }),
    );
    w.bytes(2, raw);
  });
}

const decodeError = (b: Uint8Array, defaults = {}): string => {
  try {
    decodeProtobufObject(b, defaults);
  } catch (e) {
    expect(e).toBeInstanceOf(ProtobufError);
    return (e as Error).message;
  }
  throw new Error('decoded');
};

const configMapWithName = (name: string) => message((m) => m.bytes(1, message((o) => o.string(1, name))));

describe('protobuf envelope', () => {
  it('refuses what is not a protobuf body with the serializer messages', () => {
    expect(decodeError(new Uint8Array(0))).toBe('empty data');
    expect(decodeError(Buffer.from('{"kind":"Pod"}'))).toBe('provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
    expect(decodeError(Uint8Array.from([0x6b, 0x38, 0x73]))).toBe('provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
    expect(decodeError(Uint8Array.from([0x6b, 0x38, 0x73, 0]))).toBe('empty body');
  });

  it('takes the kind and version the body leaves out from the defaults, and needs both', () => {
    const raw = configMapWithName('cfg');
    expect(decodeError(body('', '', raw))).toBe(`Object 'Kind' is missing in 'runtime.TypeMeta{APIVersion:"", Kind:""}'`);
    expect(decodeError(body('', 'ConfigMap', raw))).toBe(`Object 'apiVersion' is missing in 'runtime.TypeMeta{APIVersion:"", Kind:"ConfigMap"}'`);
    expect(decodeProtobufObject(body('', '', raw), { apiVersion: 'v1', kind: 'ConfigMap' })).toEqual({
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { name: 'cfg', creationTimestamp: null },
    });
    expect(decodeError(body('apps/v1', 'Widget', raw))).toBe('no kind "Widget" is registered for version "apps/v1" in scheme "pkg/api/legacyscheme/scheme.go:30"');
  });

  it('reads DeleteOptions in any group version, as metav1 registers it in each (client-go sends `v1`)', () => {
    // propagationPolicy (field 4) "Background"
    const raw = Uint8Array.from([0x22, 10, ...Buffer.from('Background')]);
    expect(decodeProtobufObject(body('v1', 'DeleteOptions', raw))).toEqual({ kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' });
    expect(decodeProtobufObject(body('apps/v1', 'DeleteOptions', raw))).toMatchObject({ apiVersion: 'apps/v1', propagationPolicy: 'Background' });
  });

  it('reports broken messages as gogo does', () => {
    const truncated = body('v1', 'ConfigMap', configMapWithName('cfg').subarray(0, 4));
    expect(decodeError(truncated)).toBe('unexpected EOF');
    // metadata (field 1) sent as a varint.
    expect(decodeError(body('v1', 'ConfigMap', Uint8Array.from([0x08, 0x01])))).toBe('proto: wrong wireType = 0 for field ObjectMeta');
    expect(decodeError(body('v1', 'ConfigMap', Uint8Array.from([0x0c])))).toBe('proto: ConfigMap: wiretype end group for non-group');
    expect(decodeError(body('v1', 'ConfigMap', Uint8Array.from([0x02])))).toBe('proto: ConfigMap: illegal tag 0 (wire type 2)');
    const overflow = Uint8Array.from([...new Array(10).fill(0xff), 0x01]);
    expect(decodeError(body('v1', 'ConfigMap', overflow))).toBe('proto: integer overflow');
    expect(decodeError(body('v1', 'ConfigMap', Uint8Array.from([0x0a, ...new Array(9).fill(0xff), 0x01])))).toBe('proto: negative length found during unmarshaling');
  });
});

describe('protobuf messages', () => {
  it('skips unknown fields and merges a message field sent twice', () => {
    const raw = message((m) => {
      m.bytes(1, message((o) => o.string(1, 'cfg')));
      m.key(99, WIRE.varint);
      m.varint(7);
      m.bytes(98, Uint8Array.from([1, 2, 3]));
      m.bytes(1, message((o) => o.bytes(11, message((e) => (e.string(1, 'app'), e.string(2, 'web'))))));
    });
    expect(decodeProtobufObject(body('v1', 'ConfigMap', raw))).toEqual({
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { name: 'cfg', labels: { app: 'web' }, creationTimestamp: null },
    });
  });

  it('reads repeated numbers packed or not', () => {
    // PodSecurityContext.supplementalGroups (field 4 of PodSpec.securityContext, field 14).
    const ctx = message((c) => {
      c.key(4, WIRE.varint);
      c.varint(1000);
      c.bytes(4, message((p) => (p.varint(2000), p.varint(3000))));
    });
    const raw = message((m) => m.bytes(2, message((s) => s.bytes(14, ctx))));
    const pod = decodeProtobufObject(body('v1', 'Pod', raw)) as { spec: { securityContext: unknown; containers: unknown } };
    expect(pod.spec.securityContext).toEqual({ supplementalGroups: [1000, 2000, 3000] });
    // A nil slice without omitempty prints as null.
    expect(pod.spec.containers).toBeNull();
  });

  it('prints Go zero values where JSON has no omitempty, and leaves out empty omitempty fields', () => {
    const obj = decodeProtobufObject(body('v1', 'Service', message(() => undefined)));
    expect(obj).toEqual({ kind: 'Service', apiVersion: 'v1', metadata: { creationTimestamp: null }, spec: {}, status: { loadBalancer: {} } });
    const port = decodeProtobufObject(
      body('v1', 'Service', message((m) => m.bytes(2, message((s) => s.bytes(1, message(() => undefined)))))),
    ) as { spec: { ports: unknown[] } };
    // ServicePort: port has no omitempty; targetPort is a struct, which omitempty never drops.
    expect(port.spec.ports).toEqual([{ port: 0, targetPort: 0 }]);
  });

  it('prints Secret data as base64 and an entry without a value as empty', () => {
    const raw = message((m) => {
      m.bytes(2, message((e) => (e.string(1, 'key'), e.bytes(2, Buffer.from('value')))));
      m.bytes(2, message((e) => e.string(1, 'none')));
    });
    expect(decodeProtobufObject(body('v1', 'Secret', raw))).toMatchObject({ data: { key: 'dmFsdWU=', none: '' } });
  });

  it('prints IntOrString as the number or string it holds, and refuses another type', () => {
    const port = (type: number, int: number, str: string) =>
      body('v1', 'Service', message((m) => m.bytes(2, message((s) => s.bytes(1, message((p) => p.bytes(4, message((i) => (i.key(1, WIRE.varint), i.varint(type), i.key(2, WIRE.varint), i.varint(int), i.string(3, str))))))))));
    const target = (b: Uint8Array) => (decodeProtobufObject(b) as { spec: { ports: { targetPort: unknown }[] } }).spec.ports[0].targetPort;
    expect(target(port(0, 8080, 'ignored'))).toBe(8080);
    expect(target(port(1, 8080, 'http'))).toBe('http');
    expect(target(port(0, -1, ''))).toBe(-1);
    expect(decodeError(port(2, 0, ''))).toBe('json: error calling MarshalJSON for type *intstr.IntOrString: impossible IntOrString.Type');
  });
});

describe('protobuf quantities and times', () => {
  /** A Pod whose one container has these resources.limits (ResourceRequirements is Container field 8). */
  const limits = (values: Record<string, string>) => {
    const requirements = message((r) => {
      for (const [k, v] of Object.entries(values)) r.bytes(1, message((e) => (e.string(1, k), e.bytes(2, message((q) => q.string(1, v))))));
    });
    const container = message((c) => (c.string(1, 'app'), c.bytes(8, requirements)));
    return body('v1', 'Pod', message((m) => m.bytes(2, message((s) => s.bytes(2, container)))));
  };
  const resources = (b: Uint8Array) => (decodeProtobufObject(b) as { spec: { containers: { resources: unknown }[] } }).spec.containers[0].resources;

  it('prints quantities as Quantity.String() does', () => {
    expect(resources(limits({ cpu: '0.5', memory: '1.5Gi', storage: '1e3', pods: '+1', small: '1e-2147483648' }))).toEqual({
      limits: { cpu: '500m', memory: '1536Mi', storage: '1e3', pods: '+1', small: '1e-9' },
    });
    expect(decodeError(limits({ cpu: 'lots' }))).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  });

  it('keeps canonical text and ParseQuantity errors in one place', () => {
    expect(canonicalQuantity('100m')).toBe('100m');
    expect(canonicalQuantity('0.1')).toBe('100m');
    expect(canonicalQuantity('1024Mi')).toBe('1Gi');
    expect(canonicalQuantity('1.1Ki')).toBe('1126400m');
    expect(quantityError('1iK')).toBe("unable to parse quantity's suffix");
    expect(quantityError('1.5')).toBeUndefined();
  });

  const timestamp = (seconds: number | bigint, nanos?: number) =>
    message((t) => {
      t.key(1, WIRE.varint);
      t.varint(seconds);
      if (nanos !== undefined) (t.key(2, WIRE.varint), t.varint(nanos));
    });
  const podMeta = (build: (o: Writer) => void) => decodeProtobufObject(body('v1', 'Pod', message((m) => m.bytes(1, message(build))))) as { metadata: Record<string, unknown> };

  it('prints metav1.Time in whole seconds, and the zero time as null', () => {
    expect(podMeta((o) => o.bytes(8, timestamp(1714557600, 999_999_999))).metadata.creationTimestamp).toBe('2024-05-01T10:00:00Z');
    expect(podMeta((o) => o.bytes(8, timestamp(0))).metadata.creationTimestamp).toBe('1970-01-01T00:00:00Z');
    expect(podMeta((o) => o.bytes(8, new Uint8Array(0))).metadata.creationTimestamp).toBeNull();
    expect(podMeta((o) => o.bytes(8, timestamp(-62135596800n))).metadata.creationTimestamp).toBeNull();
    // A deletionTimestamp pointer that is set prints even when it holds the zero time.
    expect(podMeta((o) => o.bytes(9, new Uint8Array(0))).metadata).toHaveProperty('deletionTimestamp', null);
    expect(podMeta(() => undefined).metadata).not.toHaveProperty('deletionTimestamp');
  });

  it('prints metav1.MicroTime with microseconds, normalising the nanoseconds as time.Unix does', () => {
    const event = (ts: Uint8Array) => (decodeProtobufObject(body('v1', 'Event', message((m) => m.bytes(10, ts)))) as { eventTime: unknown }).eventTime;
    expect(event(timestamp(1714557600, 123_456_789))).toBe('2024-05-01T10:00:00.123456Z');
    expect(event(timestamp(1714557600, -1))).toBe('2024-05-01T09:59:59.999999Z');
    expect(event(timestamp(1714557600, 1_500_000_000))).toBe('2024-05-01T10:00:01.500000Z');
    // nanos is an int32: 2.5e9 wraps to -1794967296 first.
    expect(event(timestamp(1714557600, 2_500_000_000))).toBe('2024-05-01T09:59:58.205032Z');
    expect(event(new Uint8Array(0))).toBeNull();
  });

  it('encodes times, quantities and int-or-strings back as the API server writes them', () => {
    const event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'e', namespace: 'default', creationTimestamp: '2024-05-01T12:00:00+02:00' },
      involvedObject: { kind: 'Pod', name: 'web' },
      eventTime: '2024-05-01T10:00:00.123456Z',
      firstTimestamp: null,
    };
    expect(decodeProtobufObject(encodeProtobufObject(event))).toMatchObject({
      metadata: { creationTimestamp: '2024-05-01T10:00:00Z' },
      eventTime: '2024-05-01T10:00:00.123456Z',
      firstTimestamp: null,
    });
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', resources: { requests: { cpu: 0.25, memory: '64Mi' } }, livenessProbe: { httpGet: { port: 'http' } } }] },
    };
    const back = decodeProtobufObject(encodeProtobufObject(pod)) as { spec: { containers: Record<string, unknown>[] } };
    expect(back.spec.containers[0].resources).toEqual({ requests: { cpu: '250m', memory: '64Mi' } });
    expect(back.spec.containers[0].livenessProbe).toEqual({ httpGet: { port: 'http' } });
  });
});

describe('protobuf robustness', () => {
  it('skips nested groups of unknown fields without recursing', () => {
    const depth = 100_000;
    // Field 15 opened as a group 100,000 times, then closed, then the metadata.
    const groups = message((m) => {
      for (let i = 0; i < depth; i++) m.key(15, 3);
      for (let i = 0; i < depth; i++) m.key(15, 4);
      m.bytes(1, message((o) => o.string(1, 'deep')));
    });
    expect((decodeProtobufObject(body('v1', 'ConfigMap', groups)) as { metadata: { name: string } }).metadata.name).toBe('deep');
  });

  it('answers any body with an object or a ProtobufError', () => {
    const kinds = [['v1', 'Pod'], ['apps/v1', 'Deployment'], ['v1', 'Secret'], ['v1', 'Service']] as const;
    assertProperty(
      fc.property(fc.constantFrom(...kinds), fc.uint8Array({ maxLength: 64 }), fc.boolean(), ([apiVersion, kind], bytes, wrap) => {
        const b = wrap ? body(apiVersion, kind, bytes) : Uint8Array.from([0x6b, 0x38, 0x73, 0, ...bytes]);
        try {
          const obj = decodeProtobufObject(b);
          expect(typeof obj.kind).toBe('string');
        } catch (e) {
          expect(e).toBeInstanceOf(ProtobufError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('knows every kind kctl serves, its list, and the old Ingress versions kctl accepts', () => {
    for (const r of RESOURCES) {
      expect(canEncodeProtobuf(apiVersionOf(r), r.kind), r.kind).toBe(true);
      expect(canEncodeProtobuf(apiVersionOf(r), `${r.kind}List`), r.kind).toBe(true);
      for (const old of Object.keys(r.deprecatedVersions ?? {})) expect(canEncodeProtobuf(old, r.kind), old).toBe(true);
    }
  });

  it('encodes only the kinds it knows', () => {
    expect(canEncodeProtobuf('apps/v1', 'Deployment')).toBe(true);
    expect(canEncodeProtobuf('v1', 'PodList')).toBe(true);
    expect(canEncodeProtobuf('v1', 'Status')).toBe(true);
    expect(canEncodeProtobuf('v1', 'Widget')).toBe(false);
    expect(() => encodeProtobufObject({ apiVersion: 'v1', kind: 'Widget' })).toThrow(ProtobufError);
    const list = { apiVersion: 'v1', kind: 'PodList', metadata: { resourceVersion: '7' }, items: [{ metadata: { name: 'a' }, spec: { containers: [] } }] };
    expect(decodeProtobufObject(encodeProtobufObject(list))).toEqual({
      kind: 'PodList',
      apiVersion: 'v1',
      metadata: { resourceVersion: '7' },
      items: [{ metadata: { name: 'a', creationTimestamp: null }, spec: { containers: null }, status: {} }],
    });
  });
});

describe('Go time formats', () => {
  it('parses RFC 3339 with any offset, and prints and parses durations as Go does', () => {
    expect(parseTime('2024-05-01T12:00:00+02:00')).toEqual([1714557600n, 0]);
    expect(parseTime('1969-12-31T23:59:59.5Z')).toEqual([-1n, 500_000_000]);
    expect(parseTime('yesterday')).toBeUndefined();
    expect(formatDuration(3_723_500_000_000n)).toBe('1h2m3.5s');
    expect(formatDuration(1_500_000n)).toBe('1.5ms');
    expect(formatDuration(0n)).toBe('0s');
    expect(formatDuration(-90_000_000_000n)).toBe('-1m30s');
    for (const d of ['1h2m3.5s', '1.5ms', '-1m30s', '250ns', '90m']) expect(parseDuration(d)).toBeDefined();
    expect(parseDuration('90m')).toBe(5_400_000_000_000n);
    expect(parseDuration('1.5h')).toBe(5_400_000_000_000n);
    expect(parseDuration('1d')).toBeUndefined();
  });
});
