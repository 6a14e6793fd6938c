#!/usr/bin/env python3
"""Opens N concurrent SSE streams on one Gatehouse server and checks that heartbeats arrive on time.

usage: sse_streams.py URL BEARER N SECONDS HEARTBEAT_SECONDS [SERVER_PID]
Prints one summary line last: streams opened, streams whose heartbeats all came within heartbeat + 2 s,
and the server's RSS and heap (jcmd GC.heap_info) while the streams are open.
"""
import asyncio
import resource
import subprocess
import sys
import time
from urllib.parse import urlsplit


async def stream(host, port, path, bearer, seconds, gaps, opened, failed):
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), 30)
        writer.write((f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAuthorization: Bearer {bearer}\r\n"
                      "Accept: text/event-stream\r\n\r\n").encode())
        await writer.drain()
        status = await asyncio.wait_for(reader.readline(), 60)
        if b" 200 " not in status:
            failed.append(status.decode(errors="replace").strip())
            writer.close()
            return
        opened.append(1)
        last = time.monotonic()
        worst = 0.0
        end = last + seconds
        while time.monotonic() < end:
            try:
                line = await asyncio.wait_for(reader.readline(), max(0.1, end - time.monotonic()))
            except asyncio.TimeoutError:
                break
            if not line:
                break
            if line.startswith(b":sse-handshake"):
                now = time.monotonic()
                worst = max(worst, now - last)
                last = now
        worst = max(worst, time.monotonic() - last)
        gaps.append(worst)
        writer.close()
    except (OSError, asyncio.TimeoutError) as e:
        failed.append(type(e).__name__)


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
    pid = sys.argv[6] if len(sys.argv) > 6 else None
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, n + 100)), hard))
    parts = urlsplit(url)
    gaps, opened, failed = [], [], []
    tasks = []
    for _ in range(n):
        tasks.append(asyncio.create_task(stream(parts.hostname, parts.port, parts.path, bearer, seconds, gaps, opened, failed)))
        await asyncio.sleep(0.002)
    await asyncio.sleep(min(seconds / 2, 20))
    memory = server_memory(pid)
    await asyncio.gather(*tasks)
    on_time = sum(1 for g in gaps if g <= heartbeat + 2)
    reasons = sorted(set(failed))[:3]
    print(f"{n} streams asked, {len(opened)} opened, {on_time} with every heartbeat within {heartbeat + 2:.0f} s, "
          f"{len(failed)} failed {reasons}; server while open: {memory}")


asyncio.run(main())
