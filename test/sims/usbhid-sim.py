#!/usr/bin/python3
"""A simulated USB HID UPS for tests, on umockdev: runs a program (the
reference usbhid-ups or ours) with LD_PRELOAD so that libusb finds one USB
device whose usbdevfs ioctls are answered here from a model.

Usage: usbhid-sim.py MODEL.json [--control SOCKET] [--log FILE] [--keep] -- program args...

--keep: go on serving the device after the program exits (a program that
forks a daemon, e.g. upsdrvctl start) until SIGTERM.

MODEL (written by test/sims/usbhid-model.ts): vendorId, productId, bcdDevice,
strings {index: text}, iManufacturer/iProduct/iSerialNumber, reportDescriptor
(hex), reports {id: hex} (GET_REPORT answers; SET_REPORT replaces them).

Control socket, one command per line (answer "ok"):
  set ID HEX        replace a report
  interrupt HEX     queue an interrupt-IN report
  unplug / replug   every transfer fails with ENODEV / works again
  reset MS          a USB reset: gone (ENODEV) for MS milliseconds, then back
  silent on|off     control transfers never complete (libusb times out)
  ioerror on|off    control transfers fail with a protocol error (EPROTO)
  stall ID on|off   GET_REPORT of ID stalls
The log file gets one line per SET_REPORT ("SET feature 0c 01 ..") and per
GET_REPORT ("GET feature 0c").  Needs Debian's python3-gi and
gir1.2-umockdev-1.0; run with /usr/bin/python3.
"""
import errno
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import threading

import gi
gi.require_version("UMockdev", "1.0")
from gi.repository import GLib, UMockdev  # noqa: E402


def ioc(direction, nr, size):
    return (direction << 30) | (size << 16) | (ord("U") << 8) | nr


R, W = 2, 1
CONTROL = ioc(3, 0, 24)
SETINTERFACE = ioc(R, 4, 8)
SETCONFIGURATION = ioc(R, 5, 4)
GETDRIVER = ioc(W, 8, 260)
SUBMITURB = ioc(R, 10, 56)
DISCARDURB = ioc(0, 11, 0)
REAPURB = ioc(W, 12, 8)
REAPURBNDELAY = ioc(W, 13, 8)
CLAIMINTERFACE = ioc(R, 15, 4)
RELEASEINTERFACE = ioc(R, 16, 4)
CONNECTINFO = ioc(W, 17, 8)
IOCTL = ioc(3, 18, 16)
RESET = ioc(0, 20, 0)
CLEAR_HALT = ioc(R, 21, 4)
GET_CAPABILITIES = ioc(R, 26, 4)
DISCONNECT_CLAIM = ioc(R, 27, 264)
GET_SPEED = ioc(0, 31, 0)

URB_INTERRUPT, URB_CONTROL = 1, 2


class Device:
    """The USB side: descriptors, strings and reports of one HID UPS."""

    def __init__(self, m):
        self.m = m
        self.rdesc = bytes.fromhex(m["reportDescriptor"])
        self.reports = {int(k): bytes.fromhex(v) for k, v in m["reports"].items()}
        self.stalled = set()
        # NUT reads configuration number hid_rep_index (Arduino 2, Powervar 1): offer that many
        self.nconf = int(m.get("hidInterface", 0)) + 1

    def hid_desc(self):
        n = len(self.rdesc)
        return bytes([9, 0x21, 0x10, 0x01, 0, 1, 0x22, n & 0xFF, n >> 8])

    def dev_desc(self):
        m = self.m
        return struct.pack("<BBHBBBBHHHBBBB", 18, 1, 0x0110, 0, 0, 0, 8, m["vendorId"], m["productId"],
                           m.get("bcdDevice", 0x100), m.get("iManufacturer", 1), m.get("iProduct", 2),
                           m.get("iSerialNumber", 3), self.nconf)

    def config_desc(self):
        # vendor-class interfaces without endpoints before the HID one when it is not interface 0
        hid = self.nconf - 1
        body = b"".join(bytes([9, 4, i, 0, 0, 0xFF, 0, 0, 0]) for i in range(hid))
        body += bytes([9, 4, hid, 0, 1, 3, 0, 0, 0]) + self.hid_desc() + bytes([7, 5, 0x81, 3, 8, 0, 10])
        return struct.pack("<BBHBBBBB", 9, 2, 9 + len(body), hid + 1, 1, 0, 0xA0, 50) + body

    def string(self, idx):
        if idx == 0:
            return bytes([4, 3, 0x09, 0x04])
        s = self.m.get("strings", {}).get(str(idx))
        if s is None:
            return None
        b = s.encode("utf-16-le")[:252]
        return bytes([2 + len(b), 3]) + b


class Handler(UMockdev.IoctlBase):
    def __init__(self, dev, log):
        super().__init__()
        self.dev = dev
        self.logf = log
        self.lock = threading.Lock()
        self.done = []
        self.pending = []        # (kind, urb, buf)
        self.irq = []            # queued interrupt reports
        self.gone = False
        self.silent = False
        self.ioerror = False
        self.connect("handle-ioctl", self.on_ioctl)

    def log(self, line):
        if self.logf:
            with open(self.logf, "a") as f:
                f.write(line + "\n")

    def control(self, setup, data):
        rt, req, val, _idx, ln = struct.unpack("<BBHHH", setup)
        d = self.dev
        if rt & 0x80 and req == 6:
            t, i = val >> 8, val & 0xFF
            r = {1: d.dev_desc, 2: d.config_desc, 0x21: d.hid_desc, 0x22: lambda: d.rdesc}.get(t)
            r = d.string(i) if t == 3 else (r() if r else None)
            return None if r is None else r[:ln]
        if rt == 0xA1 and req == 1:
            rid = val & 0xFF
            self.log("GET %s %02x" % ({1: "input", 3: "feature"}.get(val >> 8, "?"), rid))
            if rid in d.stalled:
                return None
            r = d.reports.get(rid)
            return None if r is None else r[:ln]
        if rt == 0x21 and req == 9:
            kind = {2: "output", 3: "feature"}.get(val >> 8, "?")
            self.log("SET %s %s" % (kind, data.hex(" ")))
            if data and data[0] in d.reports:
                d.reports[data[0]] = bytes(data)
                return b""
            return None
        if (rt == 0x21 and req == 0x0A) or (rt == 0 and req == 9):
            return b""
        return None

    def complete(self, urb, status, actual):
        urb.update(4, struct.pack("<i", status))
        urb.update(28, struct.pack("<i", actual))
        self.done.append(urb)

    def feed(self):
        with self.lock:
            while self.irq:
                i = next((k for k, p in enumerate(self.pending) if p[0] == "irq"), None)
                if i is None:
                    return
                _k, urb, buf = self.pending.pop(i)
                rep = self.irq.pop(0)
                buf.update(0, rep)
                self.complete(urb, 0, len(rep))

    def unplug(self, gone):
        with self.lock:
            self.gone = gone
            if gone:
                for _k, urb, _b in self.pending:
                    self.complete(urb, -errno.ENODEV, 0)
                self.pending = []

    def on_ioctl(self, _h, client):
        req = client.get_request()
        arg = client.get_arg()
        size = (req >> 16) & 0x3FFF
        try:
            data = arg.resolve(0, size) if size else None
        except GLib.Error:
            data = None
        if self.gone and req not in (REAPURB, REAPURBNDELAY, DISCARDURB):
            client.complete(-1, errno.ENODEV)
            return True
        if req == GET_CAPABILITIES:
            data.update(0, struct.pack("<I", 0x1D))
            client.complete(0, 0)
        elif req in (CLAIMINTERFACE, RELEASEINTERFACE, SETINTERFACE, SETCONFIGURATION, CLEAR_HALT, RESET, DISCONNECT_CLAIM):
            client.complete(0, 0)
        elif req in (GETDRIVER, IOCTL):
            client.complete(-1, errno.ENODATA)
        elif req == CONNECTINFO:
            data.update(0, struct.pack("<IB3x", 2, 0))
            client.complete(0, 0)
        elif req == GET_SPEED:
            client.complete(2, 0)
        elif req == CONTROL:
            raw = bytes(data.retrieve())
            ln = struct.unpack_from("<H", raw, 6)[0]
            buf = data.resolve(16, ln) if ln else None
            out = bytes(buf.retrieve()) if (buf and not raw[0] & 0x80) else b""
            r = None if self.silent else self.control(raw[:8], out)
            if r is None:
                client.complete(-1, errno.ETIMEDOUT if self.silent else errno.EPIPE)
            else:
                if raw[0] & 0x80 and r:
                    buf.update(0, r)
                client.complete(len(r) if raw[0] & 0x80 else ln, 0)
        elif req == SUBMITURB:
            raw = bytes(data.retrieve())
            utype, ep = raw[0], raw[1]
            blen = struct.unpack_from("<i", raw, 24)[0]
            buf = data.resolve(16, blen) if blen > 0 else None
            if utype == URB_CONTROL and self.ioerror:
                with self.lock:
                    self.complete(data, -errno.EPROTO, 0)
            elif utype == URB_CONTROL:
                if self.silent:
                    with self.lock:
                        self.pending.append(("ctl", data, buf))
                else:
                    b = bytes(buf.retrieve())
                    r = self.control(b[:8], b[8:])
                    with self.lock:
                        if r is None:
                            self.complete(data, -errno.EPIPE, 0)
                        else:
                            if b[0] & 0x80 and r:
                                buf.update(8, r)
                            self.complete(data, 0, len(r) if b[0] & 0x80 else len(b) - 8)
            elif utype == URB_INTERRUPT and ep & 0x80:
                with self.lock:
                    self.pending.append(("irq", data, buf))
                self.feed()
            else:
                client.complete(-1, errno.EINVAL)
                return True
            client.complete(0, 0)
        elif req == DISCARDURB:
            addr = struct.unpack_from("<Q", bytes(arg.retrieve()).ljust(8, b"\0"))[0]
            found = False
            with self.lock:
                for i, (_k, urb, _b) in enumerate(self.pending):
                    if urb.client_addr == addr:
                        del self.pending[i]
                        self.complete(urb, -errno.ENOENT, 0)
                        found = True
                        break
            client.complete(0 if found else -1, 0 if found else errno.EINVAL)
        elif req in (REAPURB, REAPURBNDELAY):
            with self.lock:
                urb = self.done.pop(0) if self.done else None
            if urb is None:
                client.complete(-1, errno.ENODEV if self.gone else errno.EAGAIN)
            else:
                data.set_ptr(0, urb)
                client.complete(0, 0)
        else:
            client.complete(-1, errno.ENOTTY)
        return True


def testbed(dev, m):
    tb = UMockdev.Testbed.new()
    node = "bus/usb/001/002"
    sysp = "/devices/pci0000:00/0000:00:14.0/usb1/1-1"
    s = m.get("strings", {})
    tb.add_from_string("\n".join([
        "P: " + sysp, "N: " + node, "E: DEVNAME=/dev/" + node, "E: DEVTYPE=usb_device", "E: DRIVER=usb",
        "E: SUBSYSTEM=usb", "E: BUSNUM=001", "E: DEVNUM=002",
        "E: PRODUCT=%x/%x/%x" % (m["vendorId"], m["productId"], m.get("bcdDevice", 0x100)),
        "E: MAJOR=189", "E: MINOR=1",
        "A: idVendor=%04x" % m["vendorId"], "A: idProduct=%04x" % m["productId"],
        "A: bcdDevice=%04x" % m.get("bcdDevice", 0x100), "A: busnum=1", "A: devnum=2", "A: speed=12",
        "A: bConfigurationValue=1", "A: bNumConfigurations=%d" % dev.nconf, "A: bNumInterfaces= %d" % dev.nconf, "A: bDeviceClass=00",
        "A: bMaxPacketSize0=8", "A: manufacturer=" + s.get(str(m.get("iManufacturer", 1)), ""),
        "A: product=" + s.get(str(m.get("iProduct", 2)), ""), "A: serial=" + s.get(str(m.get("iSerialNumber", 3)), ""),
        "A: dev=189:1", "H: descriptors=" + (dev.dev_desc() + dev.config_desc() * dev.nconf).hex().upper(), "", ""]))
    return tb, "/dev/" + node


def serve_control(path, h):
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind(path)
    srv.listen(4)

    def client(c):
        f = c.makefile("rw")
        for line in f:
            w = line.split()
            try:
                if w[0] == "set":
                    h.dev.reports[int(w[1], 16)] = bytes.fromhex("".join(w[2:]))
                elif w[0] == "interrupt":
                    h.irq.append(bytes.fromhex("".join(w[1:])))
                    h.feed()
                elif w[0] == "unplug":
                    h.unplug(True)
                elif w[0] == "replug":
                    h.unplug(False)
                elif w[0] == "reset":
                    h.unplug(True)
                    threading.Timer(int(w[1]) / 1000.0, h.unplug, (False,)).start()
                elif w[0] == "silent":
                    h.silent = w[1] == "on"
                elif w[0] == "ioerror":
                    h.ioerror = w[1] == "on"
                elif w[0] == "stall":
                    (h.dev.stalled.add if w[2] == "on" else h.dev.stalled.discard)(int(w[1], 16))
                f.write("ok\n")
            except (IndexError, ValueError) as e:
                f.write("error %s\n" % e)
            f.flush()

    def loop():
        while True:
            c, _ = srv.accept()
            threading.Thread(target=client, args=(c,), daemon=True).start()
    threading.Thread(target=loop, daemon=True).start()


def main():
    a = sys.argv[1:]
    if "--" not in a or not a:
        print(__doc__, file=sys.stderr)
        return 2
    cut = a.index("--")
    opts, prog = a[:cut], a[cut + 1:]
    with open(opts[0]) as f:
        m = json.load(f)
    ctl = opts[opts.index("--control") + 1] if "--control" in opts else None
    logf = opts[opts.index("--log") + 1] if "--log" in opts else None
    dev = Device(m)
    tb, node = testbed(dev, m)
    h = Handler(dev, logf)
    tb.attach_ioctl(node, h)
    if ctl:
        serve_control(ctl, h)
    env = dict(os.environ)
    env["UMOCKDEV_DIR"] = tb.get_root_dir()
    pre = "libumockdev-preload.so.0"
    env["LD_PRELOAD"] = pre + (" " + env["LD_PRELOAD"] if env.get("LD_PRELOAD") else "")
    p = subprocess.Popen(prog, env=env)
    stop = threading.Event()

    def on_signal(n, _f):
        stop.set()
        if p.poll() is None:
            p.send_signal(n)
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, on_signal)
    rc = p.wait()
    if "--keep" in opts:
        print("usbhid-sim: program exited (%d); serving until SIGTERM" % rc, file=sys.stderr, flush=True)
        while not stop.wait(1):
            pass
    return rc


if __name__ == "__main__":
    sys.exit(main())
