// The paths of an OpenAPI v3 document as the API server's installer lays them out for a resource:
// list, create and deletecollection on the collection; read, replace, patch and delete on an
// object; the status, scale and log subresources; the list across namespaces. Part of
// scripts/gen-openapi.mjs.

export const ref = (name) => `#/components/schemas/${name}`;
export const gvk = (group, version, kind) => ({ group, kind, version });

const q = (name, type) => ({ in: 'query', name, schema: { type, uniqueItems: true } });
const P = {
  pretty: q('pretty', 'string'),
  dryRun: q('dryRun', 'string'),
  fieldManager: q('fieldManager', 'string'),
  fieldValidation: q('fieldValidation', 'string'),
  force: q('force', 'boolean'),
  gracePeriodSeconds: q('gracePeriodSeconds', 'integer'),
  ignoreStore: q('ignoreStoreReadErrorWithClusterBreakingPotential', 'boolean'),
  orphanDependents: q('orphanDependents', 'boolean'),
  propagationPolicy: q('propagationPolicy', 'string'),
  name: (kind) => ({ description: `name of the ${kind}`, in: 'path', name: 'name', required: true, schema: { type: 'string', uniqueItems: true } }),
  namespace: { description: 'object name and auth scope, such as for teams and projects', in: 'path', name: 'namespace', required: true, schema: { type: 'string', uniqueItems: true } },
};
const LIST_PARAMS = ['allowWatchBookmarks:boolean', 'continue:string', 'fieldSelector:string', 'labelSelector:string', 'limit:integer', 'resourceVersion:string', 'resourceVersionMatch:string', 'sendInitialEvents:boolean', 'timeoutSeconds:integer', 'watch:boolean'].map((s) => q(...s.split(':')));
const COLLECTION_DELETE_PARAMS = ['continue:string', 'dryRun:string', 'fieldSelector:string', 'gracePeriodSeconds:integer', 'ignoreStoreReadErrorWithClusterBreakingPotential:boolean', 'labelSelector:string', 'limit:integer', 'orphanDependents:boolean', 'propagationPolicy:string', 'resourceVersion:string', 'resourceVersionMatch:string', 'sendInitialEvents:boolean', 'timeoutSeconds:integer'].map((s) => q(...s.split(':')));

const MEDIA = ['application/json', 'application/vnd.kubernetes.protobuf', 'application/yaml'];
const WATCH_MEDIA = ['application/json;stream=watch', 'application/vnd.kubernetes.protobuf;stream=watch'];
const content = (schema, media = MEDIA) => Object.fromEntries(media.map((m) => [m, { schema: { $ref: ref(schema) } }]));
export const response = (schema, description, media) => ({ content: content(schema, media), description });
const responses = (codes, schema, media) => ({
  ...Object.fromEntries(codes.map((c) => [c, response(schema, { 200: 'OK', 201: 'Created', 202: 'Accepted' }[c], media)])),
  401: { description: 'Unauthorized' },
});

function operationId(verb, r, { namespaced = r.namespaced, suffix = '', allNamespaces = false, collection = false } = {}) {
  const group = r.group ? r.group.split('.')[0] : 'core';
  const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
  return `${verb}${cap(group)}${cap(r.version)}${collection ? 'Collection' : ''}${namespaced ? 'Namespaced' : ''}${r.kind}${suffix}${allNamespaces ? 'ForAllNamespaces' : ''}`;
}

/** `names`: the definitions of Status, DeleteOptions, Patch and Scale; `scaled`: resources with /scale. */
export function pathsOf(r, { STATUS, DELETE_OPTIONS, PATCH, SCALE_DEF }, scaled) {
  const tag = `${r.group ? r.group.split('.')[0] : 'core'}_${r.version}`;
  const prefix = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const base = r.namespaced ? `${prefix}/namespaces/{namespace}/${r.resource}` : `${prefix}/${r.resource}`;
  const gvkOf = gvk(r.group, r.version, r.kind);
  const op = (action, description, id, rest) => ({ description, operationId: id, ...rest, tags: [tag], 'x-kubernetes-action': action, 'x-kubernetes-group-version-kind': gvkOf });
  const scope = r.namespaced ? [P.namespace] : [];
  const paths = {};
  const write = (kindText, schema, idSuffix) => ({
    get: op('get', `read ${kindText}`, operationId('read', r, { suffix: idSuffix }), { responses: responses([200], schema) }),
    patch: op('patch', `partially update ${kindText}`, operationId('patch', r, { suffix: idSuffix }), {
      parameters: [P.dryRun, P.fieldManager, P.fieldValidation, P.force],
      requestBody: { content: Object.fromEntries(['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'].map((m) => [m, { schema: { $ref: ref(PATCH) } }])), required: true },
      responses: responses([200, 201], schema),
    }),
    put: op('put', `replace ${kindText}`, operationId('replace', r, { suffix: idSuffix }), {
      parameters: [P.dryRun, P.fieldManager, P.fieldValidation],
      requestBody: { content: { '*/*': { schema: { $ref: ref(schema) } } }, required: true },
      responses: responses([200, 201], schema),
    }),
  });
  paths[base] = {
    delete: op('deletecollection', `delete collection of ${r.kind}`, operationId('delete', r, { collection: true }), {
      parameters: COLLECTION_DELETE_PARAMS,
      requestBody: { content: { '*/*': { schema: { $ref: ref(DELETE_OPTIONS) } } } },
      responses: responses([200], STATUS),
    }),
    get: op('list', `list or watch objects of kind ${r.kind}`, operationId('list', r), { parameters: LIST_PARAMS, responses: responses([200], r.list, [...MEDIA, ...WATCH_MEDIA]) }),
    parameters: [...scope, P.pretty],
    post: op('post', `create ${r.singular === 'endpoints' ? 'Endpoints' : `a ${r.kind}`}`, operationId('create', r), {
      parameters: [P.dryRun, P.fieldManager, P.fieldValidation],
      requestBody: { content: { '*/*': { schema: { $ref: ref(r.schema) } } }, required: true },
      responses: responses([200, 201, 202], r.schema),
    }),
  };
  paths[`${base}/{name}`] = {
    ...write(`the specified ${r.kind}`, r.schema, ''),
    delete: op('delete', `delete ${r.singular === 'endpoints' ? 'Endpoints' : `a ${r.kind}`}`, operationId('delete', r), {
      parameters: [P.dryRun, P.gracePeriodSeconds, P.ignoreStore, P.orphanDependents, P.propagationPolicy],
      requestBody: { content: { '*/*': { schema: { $ref: ref(DELETE_OPTIONS) } } } },
      responses: responses([200, 202], r.kind === 'Pod' ? r.schema : STATUS),
    }),
    parameters: [P.name(r.kind), ...scope, P.pretty],
  };
  if (r.hasStatus) paths[`${base}/{name}/status`] = { ...write(`status of the specified ${r.kind}`, r.schema, 'Status'), parameters: [P.name(r.kind), ...scope, P.pretty] };
  if (scaled.has(r.resource)) {
    const scale = write(`scale of the specified ${r.kind}`, SCALE_DEF, 'Scale');
    for (const o of Object.values(scale)) o['x-kubernetes-group-version-kind'] = gvk('autoscaling', 'v1', 'Scale');
    paths[`${base}/{name}/scale`] = { ...scale, parameters: [P.name('Scale'), ...scope, P.pretty] };
  }
  if (r.resource === 'pods') {
    paths[`${base}/{name}/log`] = {
      get: op('get', 'read log of the specified Pod', 'readCoreV1NamespacedPodLog', {
        parameters: ['container:string', 'follow:boolean', 'insecureSkipTLSVerifyBackend:boolean', 'limitBytes:integer', 'previous:boolean', 'sinceSeconds:integer', 'stream:string', 'tailLines:integer', 'timestamps:boolean'].map((s) => q(...s.split(':'))),
        responses: { 200: { content: Object.fromEntries(['application/json', 'application/vnd.kubernetes.protobuf', 'application/yaml', 'text/plain'].map((m) => [m, { schema: { type: 'string' } }])), description: 'OK' }, 401: { description: 'Unauthorized' } },
      }),
      parameters: [P.name('Pod'), ...scope, P.pretty],
    };
  }
  if (r.namespaced) {
    paths[`${prefix}/${r.resource}`] = {
      get: op('list', `list or watch objects of kind ${r.kind}`, operationId('list', r, { namespaced: false, allNamespaces: true }), { responses: responses([200], r.list, [...MEDIA, ...WATCH_MEDIA]) }),
      parameters: [...LIST_PARAMS, P.pretty],
    };
  }
  return paths;
}

