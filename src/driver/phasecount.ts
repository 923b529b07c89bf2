// dstate_detect_phasecount() of NUT 2.8.0's dstate.c: guess how many phases
// an input/bypass/output has from which per-line readings are non-zero, and
// publish <prefix>phases. For drivers whose protocol does not say it.

/** The caller's memory of one prefix (inited_phaseinfo, num_phases). */
export interface PhaseMemory {
  inited: boolean;
  phases: number;
}

export function newPhaseMemory(): PhaseMemory {
  return { inited: false, phases: -1 };
}

export interface PhaseStore {
  /** dstate_getinfo */
  getInfo(name: string): string | undefined;
  setInfo(name: string, value: string): void;
  debug(level: number, msg: string): void;
}

/**
 * Returns as 2.8.0: 0 nothing determined, 1 determined (and set unless
 * read-only), 2 already inited, 3 determined but already published alike.
 */
export function detectPhaseCount(store: PhaseStore, prefix: string, mayChange: boolean, mem: PhaseMemory = newPhaseMemory(), mayReevaluate = false): number {
  const fn = 'dstate_detect_phasecount';
  store.debug(3, `Entering ${fn}('${prefix}', ${mayChange ? 1 : 0}, ${mem.inited ? 1 : 0}, ${mem.phases}, ${mayReevaluate ? 1 : 0})`);
  if (mem.inited && !mayReevaluate) {
    store.debug(5, `${fn}(): Nothing changed, with a valid reason; already inited`);
    return 2;
  }
  const old = mem.phases;
  // missing, empty and "0" all count as no reading
  const nz = (suffix: string) => {
    const v = store.getInfo(prefix + suffix);
    return v !== undefined && v !== '' && v !== '0';
  };
  const v1 = nz('L1.voltage'), v2 = nz('L2.voltage'), v3 = nz('L3.voltage');
  const v1n = nz('L1-N.voltage'), v2n = nz('L2-N.voltage'), v3n = nz('L3-N.voltage');
  const v12 = nz('L1-L2.voltage'), v23 = nz('L2-L3.voltage'), v31 = nz('L3-L1.voltage');
  const c1 = nz('L1.current'), c2 = nz('L2.current'), c3 = nz('L3.current');
  const v0 = nz('voltage'), c0 = nz('current');
  let detected = 0;
  if ((v1 && v2 && !v3) || (v1n && v2n && !v3n) || (c1 && c2 && !c3) || (v12 && !v23 && !v31)) {
    store.debug(5, `${fn}(): determined a 2-phase case`);
    detected = 2;
  } else if ((v1 && v2 && v3) || (v1n && v2n && v3n) || (c1 && (c2 || c3)) || (c2 && (c1 || c3)) || (c3 && (c1 || c2)) || v12 || v23 || v31) {
    store.debug(5, `${fn}(): determined a 3-phase case`);
    detected = 3;
  } else if (!v12 && !v23 && !v31 && (
    (c0 && !c1 && !c2 && !c3) || (v0 && !v1 && !v2 && !v3)
    || (c1 && !c2 && !c3) || (!c1 && c2 && !c3) || (!c1 && !c2 && c3)
    || (v1 && !v2 && !v3) || (!v1 && v2 && !v3) || (!v1 && !v2 && v3)
    || (v1n && !v2n && !v3n) || (!v1n && v2n && !v3n) || (!v1n && !v2n && v3n))) {
    detected = 1;
    store.debug(5, `${fn}(): determined a 1-phase case`);
  } else {
    store.debug(5, `${fn}(): could not determine the phase case`);
  }
  if (detected) {
    mem.phases = detected;
    mem.inited = true;
    const name = `${prefix}phases`;
    const oldPhases = store.getInfo(name);
    if (oldPhases !== undefined && Number.parseInt(oldPhases, 10) === detected) {
      store.debug(5, `${fn}(): Nothing changed, with a valid reason; dstate already published with the same value: ${name}=${oldPhases} (detected ${detected})`);
      return 3;
    }
    if (detected !== old || oldPhases === undefined) {
      if (mayChange) {
        store.setInfo(name, String(detected));
        store.debug(3, `${fn}(): calculated non-XML value for NUT variable ${name} was set to ${detected}`);
      } else {
        store.debug(3, `${fn}(): calculated non-XML value for NUT variable ${name}=${detected} but did not set its dstate (read-only request)`);
      }
      return 1;
    }
  }
  store.debug(5, `${fn}(): Nothing changed: could not determine a value`);
  return 0;
}
