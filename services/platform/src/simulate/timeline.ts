import { addCalendarDays } from '@kinship/contracts';
import { random } from '../seed/demo-district';

/** Draws of the simulation: one stream of numbers per seed, so the same seed tells the same history. */
export class Draws {
  readonly next: () => number;

  constructor(seed: number) {
    this.next = random(seed);
  }

  /** A whole number from `low` to `high`, both included. */
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Nothing to pick from');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** `count` distinct items, in the order drawn. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const taken: T[] = [];
    while (taken.length < count && pool.length > 0) {
      const i = Math.floor(this.next() * pool.length);
      taken.push(pool[i] as T);
      pool[i] = pool[pool.length - 1] as T;
      pool.pop();
    }
    return taken;
  }
}

/** Calendar months as 'YYYY-MM'. */
export const months = {
  add(month: string, count: number): string {
    const [year, m] = month.split('-').map(Number) as [number, number];
    const index = year * 12 + (m - 1) + count;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  },
  between(from: string, to: string): number {
    const [fy, fm] = from.split('-').map(Number) as [number, number];
    const [ty, tm] = to.split('-').map(Number) as [number, number];
    return ty * 12 + tm - (fy * 12 + fm);
  },
  days(month: string): number {
    const [year, m] = month.split('-').map(Number) as [number, number];
    return new Date(Date.UTC(year, m, 0)).getUTCDate();
  },
  day(month: string, day: number): string {
    return `${month}-${String(Math.min(day, months.days(month))).padStart(2, '0')}`;
  },
  last(month: string): string {
    return months.day(month, 31);
  },
};

export const addDays = addCalendarDays;

interface Step {
  at: string;
  sequence: number;
  label: string;
  run: () => Promise<unknown>;
}

/**
 * The simulation's agenda: steps run in the order of their instant (ties in the order they were planned), so
 * every command carries a `now` no earlier than the one before it and the log reads as the history happened.
 */
export class Agenda {
  private readonly heap: Step[] = [];
  private sequence = 0;
  /** The instant of the step running: a step planned for earlier the same day happens right after it instead. */
  private current = '';

  constructor(private readonly endsAt: string) {}

  /**
   * Plans `run` at `date` (station time), `minute` minutes after 08:00, or right after the step running when that
   * is later; steps after the end are dropped.
   */
  plan(date: string, minute: number, label: string, run: () => Promise<unknown>): void {
    const planned = instant(date, minute);
    const at = planned < this.current ? this.current : planned;
    if (at > this.endsAt) return;
    this.push({ at, sequence: this.sequence++, label, run });
  }

  get size(): number {
    return this.heap.length;
  }

  /** Runs every step in order; `now` of a step is its instant. Stops early (false) once `signal` is aborted. */
  async run(onStep: (step: { at: string; label: string }) => void = () => undefined, signal?: AbortSignal): Promise<boolean> {
    while (this.heap.length > 0) {
      if (signal?.aborted) return false;
      const step = this.pop();
      this.current = step.at;
      onStep(step);
      try {
        await step.run();
      } catch (error) {
        const detail = error instanceof Error ? `${error.message}${'code' in error ? ` (${String(error.code)})` : ''}` : String(error);
        throw new Error(`The simulation failed at ${step.at} in "${step.label}": ${detail}`, { cause: error });
      }
    }
    return true;
  }

  private push(step: Step): void {
    const heap = this.heap;
    heap.push(step);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i] as Step, heap[parent] as Step)) break;
      [heap[i], heap[parent]] = [heap[parent] as Step, heap[i] as Step];
      i = parent;
    }
  }

  private pop(): Step {
    const heap = this.heap;
    const top = heap[0] as Step;
    const last = heap.pop() as Step;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && before(heap[left] as Step, heap[smallest] as Step)) smallest = left;
        if (right < heap.length && before(heap[right] as Step, heap[smallest] as Step)) smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest] as Step, heap[i] as Step];
        i = smallest;
      }
    }
    return top;
  }
}

function before(a: Step, b: Step): boolean {
  return a.at < b.at || (a.at === b.at && a.sequence < b.sequence);
}

/**
 * Station time is UTC+8: 08:00 there is 00:00 UTC, so a working day's instants stay on the station's date and
 * every service reads the same day from them.
 */
export function instant(date: string, minute: number): string {
  const clamped = Math.max(0, Math.min(minute, 23 * 60 + 59 - 8 * 60));
  return `${date}T${String(Math.floor(clamped / 60)).padStart(2, '0')}:${String(clamped % 60).padStart(2, '0')}:00.000Z`;
}
