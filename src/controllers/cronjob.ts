// The CronJob controller (cronjob_controllerv2): as the simulated clock passes a schedule's
// times, it creates the Job of the most recent one (`<cronjob>-<scheduled minute since the
// epoch>`), keeps status.active, lastScheduleTime and lastSuccessfulTime, honours suspend,
// concurrencyPolicy and startingDeadlineSeconds, and deletes the oldest finished Jobs past the
// history limits. It reads the clock, so it runs in every command that settles the controllers.

import type { ObjectReference } from 'kubernetes-types/core/v1';
import { StatusError } from '../api/errors.js';
import { resourceInfo } from '../api/scheme.js';
import type { KObject, ObjectOf } from '../api/types.js';
import type { ApiServer } from '../apiserver/server.js';
import { rfc3339 } from '../cluster/cluster.js';
import { knownZone, parseSchedule, type Schedule } from '../kinds/cronjob/schedule.js';
import { byController, controllerRef } from './util.js';

const COMPONENT = 'cronjob-controller';
const jobsInfo = resourceInfo('jobs');
const cronJobsInfo = resourceInfo('cronjobs');

type CronJob = ObjectOf<'cronjobs'>;
type Job = ObjectOf<'jobs'>;

/**
 * The warnings a command already recorded, by store: the controller runs in every round (it reads
 * the clock), and a sync that only finds the same thing again is requeued, not repeated.
 */
const recorded = new WeakMap<object, Set<string>>();

function eventOnce(api: ApiServer, cj: CronJob, type: 'Normal' | 'Warning', reason: string, message: string): void {
  let seen = recorded.get(api.cluster.store);
  if (!seen) recorded.set(api.cluster.store, (seen = new Set()));
  const key = `${cj.metadata.uid}|${reason}|${message}`;
  if (seen.has(key)) return;
  seen.add(key);
  seen.add(`${cj.metadata.uid}|${reason}`);
  api.cluster.event(cj, type, reason, message, COMPONENT);
}

function finishedType(j: Job): 'Complete' | 'Failed' | undefined {
  for (const c of j.status?.conditions ?? []) if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  return undefined;
}

function jobRef(j: Job): ObjectReference {
  return { kind: 'Job', namespace: j.metadata.namespace, name: j.metadata.name, uid: j.metadata.uid, apiVersion: 'batch/v1', resourceVersion: j.metadata.resourceVersion };
}

/** mostRecentScheduleTime with the deadline: the latest unmet time, and whether over 100 were missed. */
export function mostRecentScheduleTime(cj: CronJob, now: number, sched: Schedule): { time?: number; manyMissed: boolean } {
  let earliest = Date.parse(cj.status?.lastScheduleTime ?? cj.metadata.creationTimestamp!);
  const deadline = cj.spec!.startingDeadlineSeconds;
  if (deadline !== undefined) earliest = Math.max(earliest, now - deadline * 1000);
  const t1 = sched.next(earliest);
  if (t1 === undefined || now < t1) return { manyMissed: false };
  const t2 = sched.next(t1);
  if (t2 === undefined || now < t2) return { time: t1, manyMissed: false };
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1) return { manyMissed: false };
  const missed = Math.floor((now - t1) / 1000 / between) + 1;
  let recent: number | undefined;
  for (let t = sched.next(t1 + (missed - 2) * between * 1000); t !== undefined && t <= now; t = sched.next(t)) recent = t;
  return { time: recent, manyMissed: missed > 100 };
}

export function cronJobController(api: ApiServer): void {
  const { cluster } = api;
  const cronJobs = cluster.store.list('cronjobs');
  if (!cronJobs.length) return;
  const namespaces = [...new Set(cronJobs.map((c) => c.metadata.namespace))];
  const jobsByOwner = byController(namespaces.flatMap((ns) => cluster.store.list('jobs', ns)));
  for (const cj of cronJobs) syncCronJob(api, cj, jobsByOwner.get(cj.metadata.uid!) ?? []);
}

function syncCronJob(api: ApiServer, cj: CronJob, jobs: Job[]): void {
  const { cluster } = api;
  const now = cluster.nowMs;
  const spec = cj.spec!;
  const st = cj.status ?? {};
  let active = [...(st.active ?? [])];
  let lastSuccessfulTime = st.lastSuccessfulTime;
  let lastScheduleTime = st.lastScheduleTime;
  const byName = new Map(jobs.map((j) => [j.metadata.name, j]));
  for (const j of jobs) {
    const done = finishedType(j);
    const listed = active.some((a) => a.uid === j.metadata.uid);
    if (!done && !listed) active.push(jobRef(j));
    else if (done && listed) {
      active = active.filter((a) => a.uid !== j.metadata.uid);
      cluster.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, condition: ${done}`, COMPONENT);
    }
    // A succeeded Job counts whether or not it was still listed as active.
    const completed = j.status?.completionTime;
    if (done === 'Complete' && completed && (!lastSuccessfulTime || Date.parse(completed) > Date.parse(lastSuccessfulTime))) lastSuccessfulTime = completed;
  }
  // Jobs removed by others leave the active list.
  active = active.filter((a) => byName.has(a.name!));

  const zone = spec.timeZone ?? 'UTC';
  const sched = !cj.metadata.deletionTimestamp && !spec.suspend && knownZone(zone) ? parseSchedule(spec.schedule, zone) : undefined;
  if (typeof sched === 'string') eventOnce(api, cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(spec.schedule)} : ${sched}`);
  else if (sched) {
    const { time, manyMissed } = mostRecentScheduleTime(cj, now, sched);
    if (time !== undefined && manyMissed) {
      eventOnce(api, cj, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
    }
    const name = time === undefined ? '' : `${cj.metadata.name}-${Math.floor(time / 60_000)}`;
    if (time === undefined) {
      // Nothing is due.
    } else if (spec.startingDeadlineSeconds !== undefined && time + spec.startingDeadlineSeconds * 1000 < now) {
      eventOnce(api, cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(time)}`);
    } else if (active.some((a) => a.name === name) || (lastScheduleTime && Date.parse(lastScheduleTime) === time)) {
      // That time was handled.
    } else if (spec.concurrencyPolicy === 'Forbid' && active.length) {
      eventOnce(api, cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
    } else {
      if (spec.concurrencyPolicy === 'Replace') {
        for (const a of active) {
          const j = byName.get(a.name!);
          if (j) deleteJob(api, cj, j);
        }
        active = [];
      }
      const created = createJob(api, cj, name, time, zone);
      if (created) {
        active.push(jobRef(created));
        lastScheduleTime = rfc3339(time);
      }
    }
  }

  cleanupFinishedJobs(api, cj, jobs);
  const fresh = cluster.store.get('cronjobs', cj.metadata.namespace, cj.metadata.name);
  if (!fresh) return;
  api.updateStatus(cronJobsInfo, fresh, { active: active.length ? active : undefined, lastScheduleTime, lastSuccessfulTime });
}

function createJob(api: ApiServer, cj: CronJob, name: string, time: number, zone: string): Job | undefined {
  if (recorded.get(api.cluster.store)?.has(`${cj.metadata.uid}|FailedCreate`)) return undefined;
  const t = cj.spec!.jobTemplate;
  const job: KObject = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: cj.metadata.namespace,
      labels: { ...t.metadata?.labels },
      annotations: { ...t.metadata?.annotations, 'batch.kubernetes.io/cronjob-scheduled-timestamp': zonedRfc3339(time, zone) },
      ownerReferences: [controllerRef(cj)],
    },
    spec: structuredClone(t.spec),
  };
  if (!Object.keys(job.metadata.labels!).length) delete job.metadata.labels;
  try {
    const created = api.create(job, jobsInfo) as Job;
    api.cluster.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${name}`, COMPONENT);
    return created;
  } catch (e) {
    if (!(e instanceof StatusError)) throw e;
    if (e.reason === 'AlreadyExists') return undefined;
    // Refused: tried again in a later command, as a failed sync is requeued with backoff.
    eventOnce(api, cj, 'Warning', 'FailedCreate', `Error creating job: ${e.message}`);
    return undefined;
  }
}

function deleteJob(api: ApiServer, cj: CronJob, j: Job): void {
  api.delete(jobsInfo, j.metadata.namespace, j.metadata.name);
  api.cluster.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name}`, COMPONENT);
}

/** removeOldestJobs: finished Jobs past each history limit, oldest start first. */
function cleanupFinishedJobs(api: ApiServer, cj: CronJob, jobs: Job[]): void {
  const spec = cj.spec!;
  const byStart = (a: Job, b: Job) => (Date.parse(a.status?.startTime ?? '') || 0) - (Date.parse(b.status?.startTime ?? '') || 0);
  for (const [type, limit] of [['Complete', spec.successfulJobsHistoryLimit], ['Failed', spec.failedJobsHistoryLimit]] as const) {
    if (limit === undefined) continue;
    const finished = jobs.filter((j) => finishedType(j) === type && api.cluster.store.get('jobs', j.metadata.namespace, j.metadata.name)).sort(byStart);
    for (const j of finished.slice(0, Math.max(0, finished.length - limit))) deleteJob(api, cj, j);
  }
}

function rfc1123z(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** RFC 3339 in the schedule's zone, with its offset. */
function zonedRfc3339(ms: number, zone: string): string {
  if (zone === 'UTC') return rfc3339(ms);
  const f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const x = Object.fromEntries(f.formatToParts(ms).map((p) => [p.type, p.value]));
  const local = Date.UTC(+x.year, +x.month - 1, +x.day, +x.hour, +x.minute, +x.second);
  const off = Math.round((local - ms) / 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  const offset = off === 0 ? 'Z' : `${off > 0 ? '+' : '-'}${p(Math.floor(Math.abs(off) / 60))}:${p(Math.abs(off) % 60)}`;
  return `${x.year}-${x.month}-${x.day}T${x.hour}:${x.minute}:${x.second}${offset}`;
}
