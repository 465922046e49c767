/**
 * The machinery under the delivery history (delivery-history.ts): a seeded random source, a
 * simulated calendar, and a day-by-day scheduler for many concurrent stories. Nothing here knows
 * the domain.
 */

/** mulberry32: small, fast, seeded. Each story forks its own, so interleaving never changes it. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** A random-looking UUID (version 4 layout), as `newId` would make one in the api. */
  uuid(): string {
    const hex = Array.from({ length: 4 }, () =>
      Math.floor(this.next() * 2 ** 32)
        .toString(16)
        .padStart(8, '0'),
    ).join('');
    const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  /** An independent stream derived from this seed and `label`. */
  fork(label: number): Rng {
    let h = (this.state ^ Math.imul(label + 1, 0x9e3779b1)) >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
    return new Rng((h ^ (h >>> 16)) >>> 0);
  }
}

const DAY_MS = 86_400_000;
/** Office hours start at 07:00 UTC; every reading of the clock moves it 100 ms on. */
const OFFICE_OPENS_MS = 7 * 3_600_000;
const TICK_MS = 100;

/**
 * Simulated time: day 0 is `startDate`. `now()` is the instant of the current day at 07:00 plus
 * 100 ms per reading, so command times (CommandMeta.now) and recordedAt both increase in the
 * order things happen, and business dates (postedOn, dueOn, periods) follow the story.
 */
export class SimulatedClock {
  private currentDay = 0;
  private ticks = 0;
  private readonly startMs: number;

  constructor(startDate: string) {
    this.startMs = Date.parse(`${startDate}T00:00:00.000Z`);
  }

  get day(): number {
    return this.currentDay;
  }

  setDay(day: number): void {
    if (day < this.currentDay) throw new Error(`the clock cannot go back (${day})`);
    this.currentDay = day;
    this.ticks = 0;
  }

  now(): string {
    this.ticks += 1;
    return new Date(
      this.startMs + this.currentDay * DAY_MS + OFFICE_OPENS_MS + this.ticks * TICK_MS,
    ).toISOString();
  }

  /** The calendar date (YYYY-MM-DD) of a simulated day. */
  dateOf(day: number): string {
    return new Date(this.startMs + day * DAY_MS).toISOString().slice(0, 10);
  }

  /** The simulated day of a calendar date. */
  dayOf(date: string): number {
    return Math.round((Date.parse(`${date}T00:00:00.000Z`) - this.startMs) / DAY_MS);
  }

  /** `date` at `hhmm` (UTC) as an ISO timestamp. */
  instantOf(day: number, hhmm: string): string {
    return `${this.dateOf(day)}T${hhmm}:00.000Z`;
  }
}

/** Thrown into stories once the history is complete; a story that meets it just ends. */
export class SimulationStopped extends Error {
  constructor() {
    super('the simulation stopped');
  }
}

/** A story the scheduler runs; another story may `join` it. */
export interface StoryTask {
  done: boolean;
  failure: unknown;
  readonly joiners: Array<() => void>;
}

/**
 * Runs many async stories on the simulated calendar. A story awaits `until(day)` (or `join`s
 * another story); once every story is waiting or done, the scheduler moves the clock to the next
 * day someone waits for and wakes them in the order they went to sleep. Stories woken on the
 * same day run concurrently (their appends share group commits), each doing its steps of the day
 * in order. A story must only wait through `until` and `join`: awaiting anything else that needs
 * a later day would stall the calendar.
 */
export class Scheduler {
  private running = 0;
  private readonly wakeups = new Map<number, Array<() => void>>();
  private onIdle: (() => void) | undefined;
  private failure: unknown;
  private stopped = false;
  private lastDay = false;

  constructor(private readonly clock: SimulatedClock) {}

  get isStopped(): boolean {
    return this.stopped;
  }

  /** No more commands: every story meets SimulationStopped at its next step. */
  stop(): void {
    this.stopped = true;
  }

  /** Finish the current day, then stop. */
  stopAfterToday(): void {
    this.lastDay = true;
  }

  spawn(story: () => Promise<void>): StoryTask {
    const task: StoryTask = { done: false, failure: undefined, joiners: [] };
    this.running += 1;
    story().then(
      () => this.finished(task),
      (error: unknown) => {
        task.failure = error;
        if (!(error instanceof SimulationStopped)) {
          this.failure ??= error;
          this.stopped = true;
        }
        this.finished(task);
      },
    );
    return task;
  }

  /** Waits for another story; rejects with its error (SimulationStopped included). */
  join(task: StoryTask): Promise<void> {
    const settle = (resolve: () => void, reject: (error: unknown) => void) =>
      task.failure === undefined ? resolve() : reject(task.failure);
    if (task.done) return new Promise(settle);
    return new Promise<void>((resolve, reject) => {
      task.joiners.push(() => settle(resolve, reject));
      this.running -= 1;
      this.checkIdle();
    });
  }

  until(day: number): Promise<void> {
    if (this.stopped) return Promise.reject(new SimulationStopped());
    if (day <= this.clock.day) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const sleepers = this.wakeups.get(day);
      if (sleepers) sleepers.push(resolve);
      else this.wakeups.set(day, [resolve]);
      this.running -= 1;
      this.checkIdle();
    });
  }

  /** Runs day after day until nothing is left to do or the simulation stopped. */
  async run(afterEachDay: () => void): Promise<void> {
    for (;;) {
      await new Promise<void>((resolve) => {
        this.onIdle = resolve;
        this.checkIdle();
      });
      if (this.failure !== undefined) {
        throw this.failure instanceof Error
          ? this.failure
          : new Error(`a story failed: ${JSON.stringify(this.failure)}`);
      }
      afterEachDay();
      if (this.stopped || this.lastDay) return;
      let next: number | undefined;
      for (const day of this.wakeups.keys()) if (next === undefined || day < next) next = day;
      if (next === undefined) return;
      const sleepers = this.wakeups.get(next) ?? [];
      this.wakeups.delete(next);
      this.clock.setDay(next);
      this.running += sleepers.length;
      for (const wake of sleepers) wake();
    }
  }

  private finished(task: StoryTask): void {
    task.done = true;
    // Joiners count as running before this story stops counting: the day cannot end between.
    this.running += task.joiners.length;
    for (const wake of task.joiners.splice(0)) wake();
    this.running -= 1;
    this.checkIdle();
  }

  private checkIdle(): void {
    if (this.running === 0 && this.onIdle) {
      const idle = this.onIdle;
      this.onIdle = undefined;
      idle();
    }
  }
}
