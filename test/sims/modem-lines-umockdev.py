#!/usr/bin/python3
"""Fake serial port with modem-control lines, for contact-closure drivers.

A pty has no modem lines (TIOCMGET/TIOCMSET fail with ENOTTY), so this emulates
/dev/<tty> with umockdev and answers the ioctls itself:
  inputs  (CTS DCD RNG DSR)  from the words in LINES_FILE, re-read on every TIOCMGET;
  outputs (DTR RTS ST)       as set by the program; every change, and every
                             break (TCSBRK/TIOCSBRK), is appended to LINES_FILE.log.

usage: modem-lines-umockdev.py TTYNAME LINES_FILE -- program args...
Needs the Debian packages umockdev, gir1.2-umockdev-1.0, python3-gi
(run with /usr/bin/python3: gi is a system module).
"""
import errno
import os
import struct
import subprocess
import sys

import gi
gi.require_version("UMockdev", "1.0")
from gi.repository import UMockdev  # noqa: E402

BITS = {"DTR": 0x002, "RTS": 0x004, "ST": 0x008, "CTS": 0x020, "DCD": 0x040, "CD": 0x040,
        "RNG": 0x080, "RI": 0x080, "DSR": 0x100}
OUTPUTS = 0x002 | 0x004 | 0x008
TCGETS, TCSETS, TCSETSW, TCSETSF = 0x5401, 0x5402, 0x5403, 0x5404
TCSBRK, TCXONC, TCFLSH = 0x5409, 0x540A, 0x540B
TIOCEXCL, TIOCNXCL, TIOCSCTTY = 0x540C, 0x540D, 0x540E
TIOCMGET, TIOCMBIS, TIOCMBIC, TIOCMSET = 0x5415, 0x5416, 0x5417, 0x5418
FIONREAD, TIOCGSERIAL, TIOCSSERIAL, FIONBIO = 0x541B, 0x541E, 0x541F, 0x5421
TIOCSBRK, TIOCCBRK = 0x5427, 0x5428
TERMIOS_SIZE = 36  # kernel struct termios as glibc passes it


class Lines(UMockdev.IoctlBase):
    def __init__(self, lines_file):
        super().__init__()
        self.lines_file = lines_file
        self.out = 0
        self.termios = bytes(TERMIOS_SIZE)
        self.connect("handle-ioctl", self.on_ioctl)

    def inputs(self):
        try:
            words = open(self.lines_file).read().split()
        except OSError:
            words = []
        v = 0
        for w in words:
            v |= BITS.get(w.upper(), 0) & ~OUTPUTS
        return v

    def log(self, what):
        with open(self.lines_file + ".log", "a") as f:
            f.write(what + "\n")

    def outputs_text(self):
        return " ".join(n for n in ("DTR", "RTS", "ST") if self.out & BITS[n]) or "-"

    def on_ioctl(self, _handler, client):
        req = client.get_request()
        arg = client.get_arg()
        if req == TIOCMGET:
            arg.resolve(0, 4).update(0, struct.pack("<i", self.inputs() | self.out))
        elif req in (TIOCMSET, TIOCMBIS, TIOCMBIC):
            v = struct.unpack("<i", bytes(arg.resolve(0, 4).retrieve()))[0] & OUTPUTS
            self.out = v if req == TIOCMSET else (self.out | v if req == TIOCMBIS else self.out & ~v)
            self.log("set " + self.outputs_text())
        elif req == TCGETS:
            arg.resolve(0, TERMIOS_SIZE).update(0, self.termios)
        elif req in (TCSETS, TCSETSW, TCSETSF):
            self.termios = bytes(arg.resolve(0, TERMIOS_SIZE).retrieve())
        elif req in (TCSBRK, TIOCSBRK):
            self.log("break")
        elif req in (TCXONC, TCFLSH, TIOCEXCL, TIOCNXCL, TIOCSCTTY, FIONBIO, TIOCCBRK, TIOCSSERIAL):
            pass
        elif req == TIOCGSERIAL:
            arg.resolve(0, 72).update(0, bytes(72))
        elif req == FIONREAD:
            arg.resolve(0, 4).update(0, struct.pack("<i", 0))
        else:
            client.complete(-1, errno.ENOTTY)
            return True
        client.complete(0, 0)
        return True


def main():
    argv = sys.argv[1:]
    if len(argv) < 4 or argv[2] != "--":
        sys.stderr.write(__doc__)
        return 2
    tty, lines_file, prog = argv[0], os.path.abspath(argv[1]), argv[3:]
    tb = UMockdev.Testbed.new()
    tb.add_from_string(
        "P: /devices/platform/serial8250/tty/%s\nN: %s\nE: DEVNAME=/dev/%s\nE: SUBSYSTEM=tty\n"
        "E: MAJOR=4\nE: MINOR=64\nA: dev=4:64\n\n" % (tty, tty, tty))
    handler = Lines(lines_file)
    tb.attach_ioctl("/dev/" + tty, handler)
    env = dict(os.environ)
    env["UMOCKDEV_DIR"] = tb.get_root_dir()
    pre = env.get("LD_PRELOAD")
    env["LD_PRELOAD"] = "libumockdev-preload.so.0" + (" " + pre if pre else "")
    return subprocess.Popen(prog, env=env).wait()


if __name__ == "__main__":
    sys.exit(main())
