/**
 * In-process registry of background jobs, so the API can say how far long work has come (DESIGN.md §9: long
 * jobs return an id with progress). Holds running and recently finished jobs by key; finished ones are kept
 * for an hour, and never more than `maxJobs` in all. Jobs do not survive a restart: the durable record of the
 * work is each module's own table (a batch, a run).
 */
const KEEP_FINISHED_MS = 60 * 60 * 1000;

export interface JobHandle<Job> {
  /** Replaces the job's state as the work advances. */
  update(next: (job: Job) => Job): void;
  /** Marks the work as settled; the job is kept for an hour from now. */
  finish(): void;
}

export class BackgroundJobs<Key, Job> {
  private readonly entries = new Map<Key, { job: Job; finishedAt?: number }>();

  constructor(private readonly maxJobs: number) {}

  add(key: Key, job: Job): JobHandle<Job> {
    this.evict();
    const entry: { job: Job; finishedAt?: number } = { job };
    this.entries.set(key, entry);
    return {
      update: (next) => {
        entry.job = next(entry.job);
      },
      finish: () => {
        entry.finishedAt = Date.now();
      },
    };
  }

  find(key: Key): Job | undefined {
    return this.entries.get(key)?.job;
  }

  /** Whether this process is doing the work now. */
  isActive(key: Key): boolean {
    const entry = this.entries.get(key);
    return entry !== undefined && entry.finishedAt === undefined;
  }

  private evict(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) {
      if (entry.finishedAt !== undefined && now - entry.finishedAt > KEEP_FINISHED_MS) this.entries.delete(key);
    }
    for (const [key, entry] of this.entries) {
      if (this.entries.size < this.maxJobs) break;
      if (entry.finishedAt !== undefined) this.entries.delete(key);
    }
  }
}
