// Directive tables of the keyword files (upsd.conf, upsmon.conf,
// upssched.conf, hosts.conf, upsset.conf): how many arguments each takes and
// of which type. Data only; the rules that use them live in files.ts.

export type Arg =
  | 'string' | 'path' | 'int' | 'uint' | 'posint' | 'bool' | 'port' | 'octal' | 'notifytype' | 'flags' | 'monitortype'
  | 'shutdownexit' | { oneOf: string[] };

export interface Directive {
  args: Arg[];
  /** arguments after `args.length` that may be left out */
  optional?: number;
  /** any number of further string arguments */
  rest?: boolean;
  /** obsolete: a warning naming the replacement */
  obsolete?: string;
}

export const UPSD_CONF: Record<string, Directive> = {
  LISTEN: { args: ['string', 'port'], optional: 1 },
  LISTEN_UNIX: { args: ['path', 'octal'], optional: 1 },
  MAXAGE: { args: ['posint'] },
  TRACKINGDELAY: { args: ['uint'] },
  MAXCONN: { args: ['posint'] },
  ALLOW_NO_DEVICE: { args: ['bool'] },
  ALLOW_NOT_ALL_LISTENERS: { args: ['bool'] },
  STATEPATH: { args: ['path'] },
  DATAPATH: { args: ['path'] },
  CERTFILE: { args: ['path'] },
  CERTPATH: { args: ['path'] },
  CERTIDENT: { args: ['string', 'string'] },
  CERTREQUEST: { args: [{ oneOf: ['0', '1', '2', 'NO', 'REQUEST', 'REQUIRE'] }] },
  DISABLE_WEAK_SSL: { args: ['bool'] },
  DEBUG_MIN: { args: ['uint'] },
  ACL: { args: [], rest: true, obsolete: 'LISTEN (and a firewall)' },
  ACCEPT: { args: [], rest: true, obsolete: 'LISTEN (and a firewall)' },
  REJECT: { args: [], rest: true, obsolete: 'LISTEN (and a firewall)' },
};

export const UPSMON_CONF: Record<string, Directive> = {
  MONITOR: { args: ['string', 'uint', 'string', 'string', 'monitortype'] },
  MINSUPPLIES: { args: ['uint'] },
  POLLFREQ: { args: ['posint'] },
  POLLFREQALERT: { args: ['posint'] },
  HOSTSYNC: { args: ['uint'] },
  DEADTIME: { args: ['posint'] },
  FINALDELAY: { args: ['uint'] },
  RBWARNTIME: { args: ['uint'] },
  NOCOMMWARNTIME: { args: ['posint'] },
  POWERDOWNFLAG: { args: ['path'] },
  SHUTDOWNCMD: { args: ['string'], rest: true },
  NOTIFYCMD: { args: ['string'], rest: true },
  RUN_AS_USER: { args: ['string'] },
  CERTPATH: { args: ['path'] },
  CERTFILE: { args: ['path'] },
  CERTIDENT: { args: ['string', 'string'] },
  CERTHOST: { args: ['string', 'string', { oneOf: ['0', '1'] }, { oneOf: ['0', '1'] }] },
  CERTVERIFY: { args: [{ oneOf: ['0', '1'] }] },
  FORCESSL: { args: [{ oneOf: ['0', '1'] }] },
  NOTIFYMSG: { args: ['notifytype', 'string'] },
  NOTIFYFLAG: { args: ['notifytype', 'flags'] },
  SHUTDOWNEXIT: { args: ['shutdownexit'] },
  POLLFAIL_LOG_THROTTLE_MAX: { args: ['uint'] },
  OFFDURATION: { args: ['int'] },
  OVERDURATION: { args: ['int'] },
  OBLBDURATION: { args: ['uint'] },
  ALARMCRITICAL: { args: ['bool'] },
  DEBUG_MIN: { args: ['uint'] },
};

export const UPSSCHED_CONF: Record<string, Directive> = {
  CMDSCRIPT: { args: ['string'], rest: true },
  PIPEFN: { args: ['path'] },
  LOCKFN: { args: ['path'] },
  DEBUG_MIN: { args: ['uint'] },
  // AT <notifytype> <upsname> START-TIMER|CANCEL-TIMER|EXECUTE <arg> [<arg>]: checked by hand
  AT: { args: ['notifytype', 'string', { oneOf: ['START-TIMER', 'CANCEL-TIMER', 'EXECUTE'] }, 'string', 'string'], optional: 1 },
};

export const HOSTS_CONF: Record<string, Directive> = {
  MONHOST: { args: ['string', 'string'] },
};

export const UPSSET_CONF: Record<string, Directive> = {
  I_HAVE_SECURED_MY_CGI_DIRECTORY: { args: [] },
};

/** ups.conf keys NUT itself knows (global and per section); others go to the driver as its options. */
export const UPSCONF_GLOBAL = ['chroot', 'driverpath', 'maxstartdelay', 'maxretry', 'retrydelay', 'nowait', 'pollinterval', 'user', 'group', 'synchronous', 'statepath', 'debug_min', 'LIBUSB_DEBUG'];
export const UPSCONF_SECTION = [
  'driver', 'port', 'desc', 'sdorder', 'nolock', 'ignorelb', 'maxstartdelay', 'synchronous', 'user', 'group', 'pollinterval', 'debug_min',
  'sdcommands', 'allow_killpower', 'vendorid', 'productid', 'vendor', 'product', 'serial', 'bus', 'device', 'busport',
  'usb_set_altinterface', 'mfr', 'model', 'ondelay', 'offdelay', 'cable', 'upstype', 'protocol', 'mode', 'subdriver', 'pollfreq',
  'community', 'snmp_version', 'mibs', 'login', 'password', 'baud_rate', 'runtimecal', 'chargetime', 'idleload', 'langid_fix',
  'noscanlangid', 'interruptonly', 'interruptsize', 'notification', 'novendor', 'norating', 'nohang', 'flash', 'repeater',
];
export const UPSCONF_INT: Record<string, [number, number]> = {
  maxstartdelay: [1, 3600], maxretry: [1, 100], retrydelay: [0, 3600], pollinterval: [1, 3600], sdorder: [-1, 1000], debug_min: [0, 100],
  ondelay: [0, 1000000], offdelay: [0, 1000000], pollfreq: [1, 86400],
};

export const NOTIFY_FLAGS = ['SYSLOG', 'WALL', 'EXEC', 'IGNORE'];
