// strftime(3) in the C locale, local time, for upslog's %TIME ...%. Pure.

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const p2 = (n: number) => String(n).padStart(2, '0');
const s2 = (n: number) => String(n).padStart(2, ' ');

function dayOfYear(d: Date): number {
  const start = new Date(d.getFullYear(), 0, 1);
  return Math.round((new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime() - start.getTime()) / 86400000);
}

/** ISO 8601 week number and week-based year. */
function isoWeek(d: Date): { week: number; year: number } {
  const t = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const y0 = new Date(Date.UTC(t.getUTCFullYear(), 0, 1));
  return { week: Math.ceil(((t.getTime() - y0.getTime()) / 86400000 + 1) / 7), year: t.getUTCFullYear() };
}

function tzName(d: Date): string {
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(d);
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
  } catch { return ''; }
}

function tzOffset(d: Date): string {
  const off = -d.getTimezoneOffset();
  const a = Math.abs(off);
  return (off >= 0 ? '+' : '-') + p2(Math.floor(a / 60)) + p2(a % 60);
}

export function strftime(fmt: string, d: Date): string {
  let o = '';
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i]!;
    if (ch !== '%' || i + 1 >= fmt.length) { o += ch; continue; }
    let c = fmt[++i]!;
    // glibc flags/modifiers we accept and ignore: E, O
    if ((c === 'E' || c === 'O') && i + 1 < fmt.length) c = fmt[++i]!;
    const h = d.getHours();
    switch (c) {
      case 'a': o += DAYS[d.getDay()]!.slice(0, 3); break;
      case 'A': o += DAYS[d.getDay()]; break;
      case 'b': case 'h': o += MONTHS[d.getMonth()]!.slice(0, 3); break;
      case 'B': o += MONTHS[d.getMonth()]; break;
      case 'c': o += strftime('%a %b %e %H:%M:%S %Y', d); break;
      case 'C': o += p2(Math.floor(d.getFullYear() / 100)); break;
      case 'd': o += p2(d.getDate()); break;
      case 'D': o += strftime('%m/%d/%y', d); break;
      case 'e': o += s2(d.getDate()); break;
      case 'F': o += strftime('%Y-%m-%d', d); break;
      case 'G': o += isoWeek(d).year; break;
      case 'g': o += p2(isoWeek(d).year % 100); break;
      case 'H': o += p2(h); break;
      case 'I': o += p2(h % 12 || 12); break;
      case 'j': o += String(dayOfYear(d) + 1).padStart(3, '0'); break;
      case 'k': o += s2(h); break;
      case 'l': o += s2(h % 12 || 12); break;
      case 'm': o += p2(d.getMonth() + 1); break;
      case 'M': o += p2(d.getMinutes()); break;
      case 'n': o += '\n'; break;
      case 'p': o += h < 12 ? 'AM' : 'PM'; break;
      case 'P': o += h < 12 ? 'am' : 'pm'; break;
      case 'r': o += strftime('%I:%M:%S %p', d); break;
      case 'R': o += strftime('%H:%M', d); break;
      case 's': o += Math.floor(d.getTime() / 1000); break;
      case 'S': o += p2(d.getSeconds()); break;
      case 't': o += '\t'; break;
      case 'T': o += strftime('%H:%M:%S', d); break;
      case 'u': o += d.getDay() || 7; break;
      case 'U': o += p2(Math.floor((dayOfYear(d) + 7 - d.getDay()) / 7)); break;
      case 'V': o += p2(isoWeek(d).week); break;
      case 'w': o += d.getDay(); break;
      case 'W': o += p2(Math.floor((dayOfYear(d) + 7 - ((d.getDay() + 6) % 7)) / 7)); break;
      case 'x': o += strftime('%m/%d/%y', d); break;
      case 'X': o += strftime('%H:%M:%S', d); break;
      case 'y': o += p2(d.getFullYear() % 100); break;
      case 'Y': o += d.getFullYear(); break;
      case 'z': o += tzOffset(d); break;
      case 'Z': o += tzName(d); break;
      case '%': o += '%'; break;
      default: o += '%' + c; // glibc copies unknown conversions through
    }
  }
  return o;
}
