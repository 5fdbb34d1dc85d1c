"""Pseudo-terminal relay for kiosk-shell's device simulators (standard library only).

Creates a pty pair, prints the slave's path on stderr as "PTY <path>", then copies bytes
between the pty master and this process's stdin/stdout until stdin closes. A driver opens the
slave like a real serial port; the simulator in Node speaks through stdin/stdout.

- The slave is put in raw mode at once, so bytes written before the driver opens it are neither
  echoed back nor translated (CR/LF, 8th bit).
- The helper keeps the slave open itself: when the driver closes and reopens the port the master
  sees no hang-up, and bytes are not lost between the two.
- Exiting (stdin closed, or a signal) closes both ends: the driver sees its device vanish, as
  when a USB-serial adapter is pulled.
"""
import os
import select
import signal
import sys
import tty


def write_all(fd, data):
    while data:
        written = os.write(fd, data)
        data = data[written:]


def main():
    master, slave = os.openpty()
    tty.setraw(slave)
    sys.stderr.write("PTY %s\n" % os.ttyname(slave))
    sys.stderr.flush()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    stdin, stdout = sys.stdin.fileno(), sys.stdout.fileno()
    while True:
        readable, _, _ = select.select([master, stdin], [], [])
        if master in readable:
            try:
                data = os.read(master, 4096)
            except OSError:
                data = b""
            if data:
                write_all(stdout, data)
        if stdin in readable:
            data = os.read(stdin, 4096)
            if not data:
                return
            write_all(master, data)


if __name__ == "__main__":
    try:
        main()
    except (BrokenPipeError, KeyboardInterrupt):
        pass
