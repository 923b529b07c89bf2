// Drill scenarios: what happens to the power and the network, over time.
// Data only. Times are seconds from the start of the drill; `ups` is the
// index of a MONITOR line (0 = the first).

export type DrillEvent =
  | { t: number; ups: number; status: string; why: string }
  | { t: number; ups: number; reachable: boolean; why: string };

export interface Scenario {
  name: string;
  title: string;
  /** how long to simulate at most */
  seconds: number;
  events(n: number): DrillEvent[];
}

const all = (n: number, f: (i: number) => DrillEvent[]) => Array.from({ length: n }, (_, i) => f(i)).flat();

export const SCENARIOS: Scenario[] = [
  {
    name: 'outage', title: 'a power failure that lasts until the battery runs low', seconds: 900,
    events: (n) => all(n, (i) => [
      { t: 10, ups: i, status: 'OB DISCHRG', why: 'the mains fail' },
      { t: 130, ups: i, status: 'OB DISCHRG LB', why: 'the battery runs low' },
    ]),
  },
  {
    name: 'lowbatt', title: 'the UPS goes straight to a low battery (an old battery)', seconds: 600,
    events: (n) => all(n, (i) => [
      { t: 10, ups: i, status: 'OB DISCHRG', why: 'the mains fail' },
      { t: 13, ups: i, status: 'OB DISCHRG LB', why: 'the battery is low at once' },
    ]),
  },
  {
    name: 'fsd', title: 'a primary elsewhere sets FSD (forced shutdown) on the UPS', seconds: 600,
    events: () => [
      { t: 10, ups: 0, status: 'OB DISCHRG', why: 'the mains fail' },
      { t: 20, ups: 0, status: 'FSD OB DISCHRG', why: 'the primary upsmon decides to shut down and sets FSD' },
    ],
  },
  {
    name: 'commlost', title: 'the connection to upsd is lost while on battery', seconds: 600,
    events: (n) => all(n, (i) => [
      { t: 10, ups: i, status: 'OB DISCHRG', why: 'the mains fail' },
      { t: 20, ups: i, reachable: false, why: 'upsd (or the network to it) goes away' },
    ]),
  },
  {
    name: 'powerback', title: 'the power comes back while the shutdown is under way', seconds: 600,
    events: (n) => all(n, (i) => [
      { t: 10, ups: i, status: 'OB DISCHRG', why: 'the mains fail' },
      { t: 20, ups: i, status: 'OB DISCHRG LB', why: 'the battery runs low' },
      { t: 22, ups: i, status: 'OL CHRG', why: 'the mains come back' },
    ]),
  },
  {
    name: 'onelost', title: 'one of several supplies is lost (the first MONITOR line)', seconds: 600,
    events: () => [
      { t: 10, ups: 0, status: 'OB DISCHRG', why: 'the mains fail for this supply only' },
      { t: 20, ups: 0, status: 'OB DISCHRG LB', why: 'its battery runs low' },
    ],
  },
];

export function findScenario(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
