// Service (v1): the API server's defaulting, allocation, validation and table columns.

import { formatLabels } from '../../api/labels/index.js';
import { resourceInfo } from '../../api/scheme.js';
import type { ServiceObject } from '../../api/types.js';
import { dns1035Label } from '../../api/validation.js';
import type { Cluster } from '../../cluster/cluster.js';
import { age } from '../../util/duration.js';
import type { Kind } from '../kind.js';
import { allocateService } from './allocate.js';
import { defaultService, prepareServiceForUpdate } from './defaults.js';
import { externalIPText, portsText } from './columns.js';
import { specOf } from './util.js';
import { validateService, validateServiceUpdate } from './validation.js';

/** The stored object an update replaces: same name and uid. */
function stored(o: ServiceObject, cluster: Cluster): ServiceObject | undefined {
  const s = cluster.store.get('services', o.metadata.namespace, o.metadata.name);
  return s?.metadata.uid === o.metadata.uid ? s : undefined;
}

export const serviceKind: Kind<'services'> = {
  info: resourceInfo('services'),
  validateName: dns1035Label,
  defaults: defaultService,
  prepareForUpdate: prepareServiceForUpdate,
  // The registry allocates (BeginCreate/BeginUpdate) before it validates what was allocated.
  allocate: allocateService,
  // ValidateServiceUpdate checks what may not change first, then the Service as on create.
  validate: (o, cluster) => (stored(o, cluster) ? [] : validateService(o)),
  validateUpdate: (o, old) => [...validateServiceUpdate(o, old), ...validateService(o)],
  columns: [
    { name: 'TYPE', cell: (o) => specOf(o).type ?? '' },
    { name: 'CLUSTER-IP', cell: (o) => specOf(o).clusterIPs?.[0] ?? '<none>' },
    { name: 'EXTERNAL-IP', cell: (o, c) => externalIPText(o, !!c.wide) },
    { name: 'PORT(S)', cell: (o) => portsText(specOf(o)) },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
    { name: 'SELECTOR', priority: 1, cell: (o) => formatLabels(specOf(o).selector) },
  ],
};
