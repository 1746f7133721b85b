// What the kinds of the books' later chapters do: CronJobs run Jobs as the simulated clock passes
// their times; quotas, limit ranges and priority classes act on new pods through admission;
// disruption budgets and autoscalers keep their status; bad objects get the API server's words.

import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

const T0 = Date.parse('2025-01-06T10:00:10Z');
const at = (seconds: number) => ({ env: { KCTL_NOW: new Date(T0 + seconds * 1000).toISOString() } });
const minute = (iso: string) => Date.parse(iso) / 60_000;

const cronJob = (name: string, spec: string) => `apiVersion: batch/v1
kind: CronJob
metadata:
  name: ${name}
spec:
${spec}
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: c
            image: busybox
            command: [sh, -c, "echo run"]
`;

describe('CronJobs run on the simulated clock', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());
  /** Any write lets the controllers look at the clock. */
  const tick = (seconds: number) => sb.ok(['annotate', 'ns', 'default', `tick=${seconds}`, '--overwrite'], at(seconds));

  it('makes the Job of each scheduled minute, keeps the history limit, and skips while suspended', async () => {
    sb.file('cj.yaml', cronJob('every', '  schedule: "*/1 * * * *"\n  successfulJobsHistoryLimit: 2') + '---\n' + cronJob('held', '  schedule: "@hourly"\n  suspend: true'));
    await sb.ok(['apply', '-f', 'cj.yaml'], at(0));
    expect(await sb.ok(['get', 'jobs', '--no-headers'], at(0))).toBe('');
    await tick(60);
    const first = `every-${minute('2025-01-06T10:01:00Z')}`;
    expect(await sb.ok(['get', 'jobs', '-o', 'name'], at(60))).toBe(`job.batch/${first}\n`);
    const job = JSON.parse(await sb.ok(['get', 'job', first, '-o', 'json'], at(60)));
    expect(job.metadata.annotations['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2025-01-06T10:01:00Z');
    expect(job.metadata.ownerReferences[0]).toMatchObject({ kind: 'CronJob', name: 'every', controller: true });
    await tick(120);
    await tick(180);
    expect((await sb.ok(['get', 'jobs', '-o', 'name'], at(180))).split('\n').filter(Boolean)).toEqual([
      `job.batch/every-${minute('2025-01-06T10:02:00Z')}`,
      `job.batch/every-${minute('2025-01-06T10:03:00Z')}`,
    ]);
    const cj = JSON.parse(await sb.ok(['get', 'cj', 'every', '-o', 'json'], at(180)));
    expect(cj.status.lastScheduleTime).toBe('2025-01-06T10:03:00Z');
    expect(cj.status.lastSuccessfulTime).toBeDefined();
    expect(await sb.ok(['get', 'cj', 'held', '--no-headers'], at(180))).toMatch(/^held +@hourly +<none> +True +0 +<none> +3m$/m);
    // Hours later, with over 100 starts missed: one Job for the latest, and the warning.
    await tick(3 * 3600);
    expect(await sb.ok(['get', 'jobs', '-o', 'name'], at(3 * 3600))).toContain(`every-${minute('2025-01-06T13:00:00Z')}`);
    expect(await sb.ok(['get', 'events', '--field-selector', 'reason=TooManyMissedTimes', '-o', 'jsonpath={.items[0].message}'], at(3 * 3600))).toBe(
      'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew',
    );
  });

  it('Forbid waits for the running Job, Replace deletes it for the next', async () => {
    const long = (name: string, policy: string) =>
      cronJob(name, `  schedule: "*/1 * * * *"\n  concurrencyPolicy: ${policy}`).replace('command: [sh, -c, "echo run"]', 'command: [sleep, "3600"]');
    sb.file('long.yaml', long('forbid', 'Forbid') + '---\n' + long('replace', 'Replace'));
    await sb.ok(['apply', '-f', 'long.yaml'], at(7200));
    await tick(7260);
    await tick(7320);
    const names = (await sb.ok(['get', 'jobs', '-o', 'custom-columns=NAME:.metadata.name', '--no-headers'], at(7320))).split('\n').filter((n) => /^(forbid|replace)-/.test(n));
    expect(names).toEqual([`forbid-${minute('2025-01-06T12:01:00Z')}`, `replace-${minute('2025-01-06T12:02:00Z')}`]);
    const reasons = await sb.ok(['get', 'events', '--field-selector', 'involvedObject.name=forbid', '-o', 'jsonpath={.items[*].reason}'], at(7320));
    expect(reasons).toBe('SuccessfulCreate JobAlreadyActive');
  });

  it('refuses a bad schedule and a bad policy in the API server\'s words', async () => {
    sb.file('bad.yaml', cronJob('bad', '  schedule: "*/1 * *"\n  concurrencyPolicy: Sometimes'));
    const r = await sb.run(['apply', '-f', 'bad.yaml'], at(0));
    expect(r.stderr).toBe(
      'The CronJob "bad" is invalid: \n* spec.schedule: Invalid value: "*/1 * *": expected exactly 5 fields, found 3: [*/1 * *]\n' +
        '* spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"\n',
    );
    expect(r.code).toBe(1);
    sb.file('range.yaml', cronJob('range', '  schedule: "0 25 * * *"'));
    expect((await sb.run(['apply', '-f', 'range.yaml'], at(0))).stderr).toBe(
      'The CronJob "range" is invalid: spec.schedule: Invalid value: "0 25 * * *": end of range (25) above maximum (23): 25\n',
    );
  });
});

describe('admission: quotas, limit ranges and priority classes', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());

  it('LimitRanger fills a container\'s resources, Priority its priority, and a quota counts and refuses', async () => {
    sb.file('policy.yaml', `apiVersion: v1
kind: LimitRange
metadata: {name: cpu}
spec:
  limits:
  - type: Container
    default: {cpu: 500m}
    defaultRequest: {cpu: 200m}
    max: {cpu: "1"}
---
apiVersion: v1
kind: ResourceQuota
metadata: {name: small}
spec:
  hard: {pods: "2", requests.cpu: 500m}
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high}
value: 1000
`);
    await sb.ok(['apply', '-f', 'policy.yaml'], at(0));
    const pod = (name: string, extra = '') => ({ stdin: `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec:\n${extra}  containers:\n  - {name: ${name}, image: nginx}\n` });
    await sb.ok(['apply', '-f', '-'], { ...at(1), ...pod('a', '  priorityClassName: high\n') });
    const a = JSON.parse(await sb.ok(['get', 'pod', 'a', '-o', 'json'], at(1)));
    expect(a.spec.containers[0].resources).toEqual({ limits: { cpu: '500m' }, requests: { cpu: '200m' } });
    expect(a.metadata.annotations['kubernetes.io/limit-ranger']).toBe('LimitRanger plugin set: cpu request for container a; cpu limit for container a');
    expect(a.spec.priority).toBe(1000);
    expect(await sb.ok(['get', 'quota', 'small', '--no-headers'], at(1))).toMatch(/^small +1s +pods: 1\/2, requests.cpu: 200m\/500m +$/m);
    await sb.ok(['run', 'b', '--image=nginx'], at(2));
    const over = await sb.run(['run', 'c', '--image=nginx'], at(3));
    expect(over.stderr).toBe('Error from server (Forbidden): pods "c" is forbidden: exceeded quota: small, requested: pods=1,requests.cpu=200m, used: pods=2,requests.cpu=400m, limited: pods=2,requests.cpu=500m\n');
    const big = await sb.run(['apply', '-f', '-'], { ...at(3), stdin: 'apiVersion: v1\nkind: Pod\nmetadata: {name: d}\nspec:\n  containers:\n  - {name: d, image: nginx, resources: {limits: {cpu: "2"}}}\n' });
    expect(big.stderr).toBe('Error from server (Forbidden): error when creating "STDIN": pods "d" is forbidden: maximum cpu usage per Container is 1, but limit is 2\n');
    const unknown = await sb.run(['apply', '-f', '-'], { ...at(3), ...pod('e', '  priorityClassName: nope\n') });
    expect(unknown.stderr).toBe('Error from server (Forbidden): error when creating "STDIN": pods "e" is forbidden: no PriorityClass with name nope was found\n');
    // A deleted pod gives its share back.
    await sb.ok(['delete', 'pod', 'b'], at(4));
    expect(await sb.ok(['get', 'quota', 'small', '-o', 'jsonpath={.status.used}'], at(4))).toBe('{"pods":"1","requests.cpu":"200m"}');
  });

  it('system priority classes exist, and their prefix is reserved', async () => {
    expect(await sb.ok(['get', 'pc', '--no-headers'], at(5))).toMatch(/^system-node-critical +2000001000 +false +\S+ +PreemptLowerPriority$/m);
    const pc = (name: string, value: number) => ({ ...at(5), stdin: `apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: ${name}}\nvalue: ${value}\n` });
    expect((await sb.run(['apply', '-f', '-'], pc('system-mine', 5))).stderr).toBe(
      "The PriorityClass \"system-mine\" is invalid: metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class\n",
    );
    expect((await sb.run(['apply', '-f', '-'], pc('huge', 2000000000))).stderr).toBe(
      'The PriorityClass "huge" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000\n',
    );
  });
});

describe('budgets, autoscalers and RBAC', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());

  it('a PodDisruptionBudget counts healthy pods; an autoscaler holds its target to minReplicas', async () => {
    await sb.ok(['create', 'deployment', 'web', '--image=nginx', '--replicas=1'], at(0));
    sb.file('pdb.yaml', `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  maxUnavailable: 1
  selector: {matchLabels: {app: web}}
---
apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 3
  maxReplicas: 5
  targetCPUUtilizationPercentage: 60
`);
    await sb.ok(['apply', '-f', 'pdb.yaml'], at(1));
    expect(await sb.ok(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}'], at(1))).toBe('3');
    expect(await sb.ok(['get', 'hpa', 'web', '--no-headers'], at(2))).toMatch(/^web +Deployment\/web +cpu: <unknown>\/60% +3 +5 +3 +1s\n$/);
    const st = JSON.parse(await sb.ok(['get', 'pdb', 'web', '-o', 'jsonpath={.status}'], at(2)));
    expect(st).toMatchObject({ currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1, expectedPods: 3 });
    expect(st.conditions[0]).toMatchObject({ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods' });
  });

  it('the default cluster roles are there, and a binding\'s roleRef is checked and kept', async () => {
    expect(await sb.ok(['get', 'clusterrole', 'cluster-admin', 'admin', 'edit', 'view', '-o', 'name'], at(3))).toBe(
      'clusterrole.rbac.authorization.k8s.io/cluster-admin\nclusterrole.rbac.authorization.k8s.io/admin\nclusterrole.rbac.authorization.k8s.io/edit\nclusterrole.rbac.authorization.k8s.io/view\n',
    );
    sb.file('rb.yaml', 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: rb}\nroleRef: {kind: Secret, name: x}\nsubjects:\n- {kind: Robot, name: r}\n');
    expect((await sb.run(['apply', '-f', 'rb.yaml'], at(3))).stderr).toBe(
      'The RoleBinding "rb" is invalid: \n* roleRef.kind: Unsupported value: "Secret": supported values: "Role", "ClusterRole"\n* subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"\n',
    );
    await sb.ok(['apply', '-f', '-'], { ...at(3), stdin: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: rb}\nroleRef: {kind: ClusterRole, name: view}\nsubjects:\n- {kind: User, name: jane}\n' });
    const changed = await sb.run(['apply', '-f', '-'], { ...at(4), stdin: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: rb}\nroleRef: {kind: ClusterRole, name: edit}\n' });
    expect(changed.stderr).toMatch(/^The RoleBinding "rb" is invalid: roleRef: Invalid value: rbac\.RoleRef\{APIGroup:"rbac\.authorization\.k8s\.io", Kind:"ClusterRole", Name:"edit"\}: cannot change roleRef\n$/);
  });
});
