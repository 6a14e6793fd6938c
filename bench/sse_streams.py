#!/usr/bin/env python3
"""Opens N concurrent SSE streams on one Gatehouse server and checks that heartbeats arrive on time.

usage: sse_streams.py URL BEARER N SECONDS HEARTBEAT_SECONDS [SERVER_PID [EVENTS]]
All N streams stay open until SECONDS after the last event was emitted.
Once all streams are open it emits EVENTS events (default 5, one a second) to the source (POST URL without
/sse + /events) and measures, on every stream, how long each took from its emission ("ts") to arrival.
When URL is a workspace's audit stream (.../audit/sse), each event is instead an OAuth client created in that
workspace (POST .../oauth_clients), whose audit event the streams receive.
Prints one summary line last: streams opened, streams whose heartbeats all came within heartbeat + 2 s,
streams that got every event, the delivery latency p50/p99/max over all streams and events, the server's CPU
while the streams are open and idle (the SECONDS after the last event), and the server's RSS, heap
(jcmd GC.heap_info) and threads while the streams are open.
"""
import asyncio
import json
import re
import resource
import subprocess
import sys
import time
import urllib.request
from urllib.parse import urlsplit

TS = re.compile(rb'"ts":(\d+)')
HEARTBEAT = b":sse-handshake"


class Stream(asyncio.Protocol):
    """One stream, read by callbacks (no task, no line parsing per stream): counts heartbeats and events."""

    def __init__(self, request, results):
        self.request, self.results = request, results
        self.status = None
        self.tail = b""
        self.last = self.worst = 0.0
        self.got = 0
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport
        transport.write(self.request)

    def data_received(self, data):
        now = time.monotonic()
        data = self.tail + data
        if self.status is None:
            if b"\r\n" not in data:
                self.tail = data
                return
            self.status = data.split(b"\r\n", 1)[0]
            if b" 200 " not in self.status:
                self.results["failed"].append(self.status.decode(errors="replace"))
                self.transport.close()
                return
            self.results["opened"] += 1
            self.last = now
        end = data.rfind(b"\n\n")  # only whole frames are read; the rest waits for the next read
        cut = end + 2 if end >= 0 else 0
        frames, self.tail = data[:cut], data[cut:]
        if HEARTBEAT in frames:
            self.worst = max(self.worst, now - self.last)
            self.last = now
        stamps = TS.findall(frames)
        if stamps:
            wall = time.time() * 1000
            self.results["latencies"].extend(wall - int(ts) for ts in stamps)
            self.got += len(stamps)

    def finish(self, until):
        if self.status is not None and b" 200 " in self.status:
            self.results["gaps"].append(max(self.worst, until - self.last))
            self.results["received"].append(self.got)
        if self.transport:
            self.transport.close()


def cpu_seconds(pid):
    """The process's user + system CPU time so far, from /proc."""
    if not pid:
        return 0.0
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / __import__("os").sysconf("SC_CLK_TCK")


def server_memory(pid):
    if not pid:
        return "n/a"
    rss = "?"
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS"):
                rss = f"{int(line.split()[1]) // 1024} MB"
    heap = subprocess.run(["jcmd", pid, "GC.heap_info"], capture_output=True, text=True).stdout
    used_kb = total_kb = 0
    for line in heap.splitlines():
        words = line.replace(",", " ").split()
        if "total" in words and "used" in words and not line.strip().startswith(("Metaspace", "class space")):
            total_kb += int(words[words.index("total") + 1].rstrip("K"))
            used_kb += int(words[words.index("used") + 1].rstrip("K"))
    threads = len(__import__("os").listdir(f"/proc/{pid}/task"))
    return f"RSS {rss}, heap used {used_kb // 1024} MB of {total_kb // 1024} MB committed, {threads} threads"


async def main():
    url, bearer, n, seconds, heartbeat = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
    pid = sys.argv[6] if len(sys.argv) > 6 and sys.argv[6] else None
    events = int(sys.argv[7]) if len(sys.argv) > 7 else 5
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, n + 100)), hard))
    parts = urlsplit(url)
    request = (f"GET {parts.path} HTTP/1.1\r\nHost: {parts.hostname}:{parts.port}\r\nAuthorization: Bearer {bearer}\r\n"
               "Accept: text/event-stream\r\n\r\n").encode()
    results = {"opened": 0, "failed": [], "latencies": [], "gaps": [], "received": []}
    loop = asyncio.get_running_loop()
    streams = []
    for _ in range(n):
        try:
            _, stream = await asyncio.wait_for(
                loop.create_connection(lambda: Stream(request, results), parts.hostname, parts.port), 30)
            streams.append(stream)
        except (OSError, asyncio.TimeoutError) as e:
            results["failed"].append(type(e).__name__)
        await asyncio.sleep(0.001)
    settle = time.monotonic() + 60
    while results["opened"] + len(results["failed"]) < n and time.monotonic() < settle:
        await asyncio.sleep(0.1)
    await asyncio.sleep(1)
    if url.endswith("/audit/sse"):
        emit_url, body = url[:-len("/audit/sse")] + "/oauth_clients", lambda k: {"name": f"audit-load-{k}", "scopes": ["*"]}
    else:
        emit_url, body = url[:-len("/sse")] + "/events", lambda k: {"n": k}
    for k in range(events):
        emit = urllib.request.Request(emit_url, data=json.dumps(body(k)).encode(), method="POST",
                                      headers={"Authorization": f"Bearer {bearer}", "Content-Type": "application/json"})
        await loop.run_in_executor(None, lambda: urllib.request.urlopen(emit, timeout=30).read())
        await asyncio.sleep(1)
    await asyncio.sleep(3)  # the last event's deliveries
    idle_from, cpu_from = time.monotonic(), cpu_seconds(pid)
    await asyncio.sleep(seconds)
    idle_cpu = (cpu_seconds(pid) - cpu_from) / (time.monotonic() - idle_from) * 100
    memory = server_memory(pid)
    until = time.monotonic()
    for stream in streams:
        stream.finish(until)
    on_time = sum(1 for g in results["gaps"] if g <= heartbeat + 2)
    complete = sum(1 for r in results["received"] if r >= events)
    reasons = sorted(set(results["failed"]))[:3]
    ordered = sorted(results["latencies"])

    def pct(p):
        return f"{ordered[min(len(ordered) - 1, int(len(ordered) * p))]:.0f}" if ordered else "n/a"
    print(f"{n} streams asked, {results['opened']} opened, {on_time} with every heartbeat within {heartbeat + 2:.0f} s, "
          f"{complete} got all {events} events (delivery p50 {pct(0.5)} ms, p99 {pct(0.99)} ms, "
          f"max {pct(1.0)} ms), {len(results['failed'])} failed {reasons}; server while open: {memory}, "
          f"CPU while idle {idle_cpu:.1f}% of a core")


asyncio.run(main())
