"""A throwaway varnishd with the shipped configuration (deploy/varnish/default.vcl) in front of
a local server: for the tests and bench/cache_bench.py, never for production."""

import contextlib
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

VCL = Path(__file__).resolve().parent.parent / "deploy" / "varnish" / "default.vcl"


class VarnishNotInstalledError(RuntimeError):
    pass


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    process.kill()
    _out, error = process.communicate()
    raise RuntimeError(f"nothing listens on port {port}: {(error or b'').decode()[-2000:]}")


@contextlib.contextmanager
def running_varnish(backend_host, backend_port):
    """Yield the address of a varnishd that forwards to the backend; stop it afterwards."""
    varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
    if not Path(varnishd).exists():
        raise VarnishNotInstalledError("varnishd is not installed: apt-get install varnish")
    # varnishd reads its files as its own user: the folder must be readable by it.
    folder = Path(tempfile.mkdtemp(prefix="varnish-", dir="/tmp"))
    folder.chmod(0o755)
    vcl = folder / "portal.vcl"
    vcl.write_text(
        VCL.read_text()
        .replace("BACKEND_HOST", backend_host)
        .replace("BACKEND_PORT", str(backend_port))
    )
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - our own command line
        [
            varnishd,
            "-F",
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(vcl),
            "-n",
            str(folder / "work"),
            "-s",
            "malloc,64m",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)
