// upssched's timer queue (upssched.md §3–§4). Pure: time is passed in.

export interface Timer {
  name: string;
  /** expiry, whole epoch seconds as NUT's time() */
  at: number;
  types: string[];
  upsNames: string[];
  msgs: string[];
}

export interface EventCtx { notifyType?: string; upsName?: string; notifyMsg?: string }

function addUnique(list: string[], v: string | undefined): void {
  if (v && !list.includes(v)) list.push(v);
}

export class TimerQueue {
  readonly timers: Timer[] = [];

  /** START: a new independent timer, even if one with the same name exists. */
  start(name: string, seconds: number, now: number, ctx: EventCtx = {}): Timer {
    const t: Timer = { name, at: Math.floor(now) + seconds, types: [], upsNames: [], msgs: [] };
    addUnique(t.types, ctx.notifyType); addUnique(t.upsNames, ctx.upsName); addUnique(t.msgs, ctx.notifyMsg);
    this.timers.push(t);
    return t;
  }

  /** START-SHARED: join the first timer of that name (expiry unchanged) or start one. */
  startShared(name: string, seconds: number, now: number, ctx: EventCtx = {}): { timer: Timer; joined: boolean } {
    const t = this.timers.find((x) => x.name === name);
    if (!t) return { timer: this.start(name, seconds, now, ctx), joined: false };
    addUnique(t.types, ctx.notifyType); addUnique(t.upsNames, ctx.upsName); addUnique(t.msgs, ctx.notifyMsg);
    return { timer: t, joined: true };
  }

  /** CANCEL: remove every timer with that name; returns how many. */
  cancel(name: string): number {
    return this.removeWhere((t) => t.name === name);
  }

  /** CANCEL-MATCHED: only timers whose recorded sets hold this NOTIFYTYPE and UPSNAME. */
  cancelMatched(name: string, notifyType: string, upsName: string): number {
    return this.removeWhere((t) => t.name === name && t.types.includes(notifyType) && t.upsNames.includes(upsName));
  }

  private removeWhere(f: (t: Timer) => boolean): number {
    let n = 0;
    for (let i = this.timers.length - 1; i >= 0; i--) if (f(this.timers[i]!)) { this.timers.splice(i, 1); n++; }
    return n;
  }

  /** Timers due at `now`, in queue order, removed from the queue. */
  due(now: number): Timer[] {
    const t = Math.floor(now);
    const out = this.timers.filter((x) => t >= x.at);
    for (const x of out) this.timers.splice(this.timers.indexOf(x), 1);
    return out;
  }

  /** LIST-TIMERS lines (without the trailing newline). */
  list(now: number): string[] {
    const q = (l: string[], sep: string) => (l.length ? l.join(sep) : '""');
    return this.timers.map((t) => `${t.name}\t${t.at}\t${+(t.at - now).toPrecision(6)}\t${q(t.types, ',')}\t${q(t.upsNames, ',')}\t${q(t.msgs, '.\t')}`);
  }
}
