// Argument tables shared by the client interop tests (run against the
// reference upsd and, when present, ours).

/** upsc argument forms; @H = 127.0.0.1:<port>, @P = <port> */
export const SAME: string[][] = [
  [], ['-h'], ['-x'], ['-x', 'upsa'], ['-l', 'x', '-h'],
  ['-l', '@H'], ['-L', '@H'], ['-l', '-L', '@H'], ['-l', '@H', 'ignored'],
  ['-l', '127.0.0.1:'], ['-l', '127.0.0.1:0'], ['-l', '[::1'], ['-l', '127.0.0.1:1'], ['-l', 'no-such-host.invalid'],
  ['upsa@@H'], ['upsb@@H'], ['UPSA@@H'],
  ['upsa@@H', 'ups.status'], ['upsa@@H', 'battery.charge'], ['UPSA@@H', 'UPS.STATUS'], ['upsa@@H', 'ups.status', 'extra'],
  ['upsa@@H', 'ups.foo'], ['upsa@@H', 'foo'], ['upsa@@H', 'server.info'], ['upsa@@H', 'server.version'], ['upsa@@H', 'server.foo'],
  ['nope@@H'], ['nope@@H', 'ups.status'], ['nope@@H', 'foo'],
  ['-c', 'upsa@@H'], ['-c', 'upsb@@H'], ['-c', 'nope@@H'], ['-c'], ['-c', 'upsa@@H', '-l'],
  ['ups@'], ['ups@127.0.0.1:'], ['ups@127.0.0.1:0'], ['ups@127.0.0.1:70000'], ['ups@127.0.0.1:abc'], ['ups@[::1'],
  ['upsa@127.0.0.1:1'], ['upsa@no-such-host.invalid'], ['@127.0.0.1:@P'],
  ['upsa@[::1]:@P'], ['upsa@[::1]:@P', 'ups.status'], ['-l', '[::1]:@P'], ['upsa@[::1]x'],
  ['upsa@127.0.0.1:@Pabc', 'ups.status'], ['upsa@localhost:@P', 'ups.status'],
  ['--', 'upsa@@H', 'ups.load'],
];

export type Case = { args: string[]; input?: string };
export const x = (args: string[], input?: string): Case => ({ args, input });

export const UPSCMD: Case[] = [
  x([]), x(['-h']), x(['-V']), x(['-x']), x(['-l']), x(['@U']),
  x(['-l', '@U']), x(['-l', 'nope@127.0.0.1:@P']), x(['-l', 'upsa@127.0.0.1:1']), x(['-l', 'ups@']),
  x(['@U', 'nodot']), x(['-u', 'admin', '-p', 'secret', '@U', 'nodot']),
  x(['-u', 'admin', '-p', 'secret', '@U', 'load.off']),
  x(['-u', 'admin', '-p', 'secret', '@U', 'load.off', '10']),
  x(['-u', 'admin', '-p', 'secret', '@U', 'nope.cmd']),
  x(['-u', 'admin', '-p', 'wrong', '@U', 'load.off']),
  x(['-u', 'nobody', '-p', 'nopw', '@U', 'load.off']),
  x(['-u', 'admin', '-p', 'secret', 'nope@127.0.0.1:@P', 'load.off']),
  x(['-u', 'admin', '-p', 'secret', '-t', '0', '-w', '@U', 'load.off']),
  x(['-t', 'abc', '@U', 'load.off']), x(['-t', '-1', '@U', 'load.off']), x(['-t', '99999999999', '@U', 'load.off']),
  x(['-t', ' 5', '-l', '@U']), x(['-t', '', '-l', '@U']),
  x(['-u', 'admin', '@U', 'load.off'], 'secret\n'),
  x(['@U', 'load.off'], 'admin\nsecret\n'),
  x(['@U', 'load.off'], ''),
  x(['-p', 'secret', '@U', 'load.off'], '\n'),
  x(['ups@', 'load.off']), x(['upsa@127.0.0.1:1', 'load.off']),
];

export const UPSRW: Case[] = [
  x([]), x(['-h']), x(['-V']), x(['-x']),
  x(['@U']), x(['-l', '@U']), x(['-s', 'ups.id', '-l', '@U']), x(['upsb@127.0.0.1:@P']),
  x(['nope@127.0.0.1:@P']), x(['upsa@127.0.0.1:1']), x(['ups@']),
  x(['-s', 'ups.id=fromtest', '-u', 'admin', '-p', 'secret', '@U']),
  x(['-s', 'ups.id=with space "q" #x', '-u', 'admin', '-p', 'secret', '@U']),
  x(['-s', 'ups.id=12345678901234567', '-u', 'admin', '-p', 'secret', '@U']),
  x(['-s', 'ups.foo=1', '-u', 'admin', '-p', 'secret', '@U']),
  x(['-s', 'nodot=1', '-u', 'admin', '-p', 'secret', '@U']),
  x(['-s', 'ups.id=z', '-u', 'nobody', '-p', 'nopw', '@U']),
  x(['-s', 'ups.id=z', '-u', 'admin', '-p', 'wrong', '@U']),
  x(['-s', 'ups.id=z', '-u', 'admin', '-p', 'secret', 'nope@127.0.0.1:@P']),
  x(['-s', 'ups.id=tracked', '-w', '-u', 'admin', '-p', 'secret', '@U']),
  x(['-s', 'ups.id=z', '-t', 'abc', '@U']),
  x(['-s', 'ups.id', '-u', 'admin', '-p', 'secret', '@U'], 'prompted\n'),
  x(['-s', 'ups.id=z', '@U'], 'admin\nsecret\n'),
  x(['-s', 'ups.id=z', '@U'], ''),
];


/** Replace @U (upsa@127.0.0.1:<port>), @H and @P in a case. */
export function expandCase(c: Case, port: number): Case {
  const H = `127.0.0.1:${port}`;
  return { ...c, args: c.args.map((a) => a.replace('@U', `upsa@${H}`).replace('@H', H).replace('@P', String(port))) };
}
