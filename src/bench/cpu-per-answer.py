#!/usr/bin/env python3
"""Server CPU per computed answer, measured from outside the server's JVM.

Start the packaged jar with the answer cache and the ask rate limit off, then run this with its port and PID:
  HELPDESK_ANSWER_CACHE=0 HELPDESK_RATE_ASK_PER_MINUTE=0 java -jar target/cip-helpdesk.jar --port=7192 &
  python3 src/bench/cpu-per-answer.py 7192 $(pgrep -f port=7192) CLIENTS REQUESTS
Every question is made unique, so none is answered from a cache; the server's user+system CPU time (from
/proc/PID/stat) over the measured requests, divided by their number, is the CPU per answer.
"""
import json
import os
import sys
import threading
import time
import urllib.request

QUESTIONS = ["May I mine journal articles for my research?", "Mag ik een taalmodel trainen op beschermde teksten?",
             "How long may I keep my scraped corpus?", "Who owns the copyright in my thesis?",
             "Mag ik een foto van internet in mijn scriptie gebruiken?", "What are the library opening hours?",
             "A photographer sent me an invoice for a photo, what now?", "Can I put my accepted manuscript in the repository?"]


def main(port, pid, clients, requests):
    def ask(i):
        body = json.dumps({"question": QUESTIONS[i % len(QUESTIONS)] + " (%d)" % i}).encode()
        request = urllib.request.Request("http://localhost:%d/api/ask" % port, data=body,
                                         headers={"content-type": "application/json"})
        urllib.request.urlopen(request).read()

    def cpu_seconds():
        fields = open("/proc/%d/stat" % pid).read().split(")")[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def run(count, offset):
        todo = iter(range(offset, offset + count))
        lock = threading.Lock()
        latencies = []

        def worker():
            while True:
                with lock:
                    i = next(todo, None)
                if i is None:
                    return
                start = time.perf_counter()
                ask(i)
                latencies.append(time.perf_counter() - start)

        threads = [threading.Thread(target=worker) for _ in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return sorted(latencies)

    run(300, 10_000_000)  # warm-up
    cpu0, t0 = cpu_seconds(), time.time()
    latencies = run(requests, 0)
    cpu1, t1 = cpu_seconds(), time.time()
    print("clients=%d requests=%d cpu/answer=%.2f ms p50=%.1f ms p99=%.1f ms answers/s=%.0f" % (
        clients, requests, 1000 * (cpu1 - cpu0) / requests, 1000 * latencies[len(latencies) // 2],
        1000 * latencies[int(len(latencies) * 0.99)], requests / (t1 - t0)))


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
