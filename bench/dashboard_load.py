#!/usr/bin/env python3
"""Bounded load test of the dashboards: N concurrent signed-in users request each page a fixed number of times.

Usage: dashboard_load.py BASE_URL EMAIL PASSWORD [--users 20] [--requests 200] [--timeout 30] URL...
Prints one line per URL: requests, errors, p50, p95, max in milliseconds, and "first": the first (untimed warm-up)
request of the URL, which for a figure never computed since the server started is the uncached computation.
Exit status 1 on any error response.
"""
import argparse
import concurrent.futures
import http.cookiejar
import re
import statistics
import sys
import time
import urllib.parse
import urllib.request


def signed_in_opener(base, email, password, timeout):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(base + "/Account/SignIn", timeout=timeout).read().decode()
    token = re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', html).group(1)
    form = urllib.parse.urlencode({"Email": email, "Password": password, "__RequestVerificationToken": token}).encode()
    opener.open(base + "/Account/SignIn", data=form, timeout=timeout).read()
    if not any(c.name == "cltv.auth" for c in jar):
        raise SystemExit("sign-in failed")
    return opener


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("email")
    parser.add_argument("password")
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--timeout", type=float, default=30)
    args = parser.parse_args()

    # One session per simulated user, signed in once before any timing.
    openers = [signed_in_opener(args.base, args.email, args.password, args.timeout) for _ in range(args.users)]
    failed = False
    print(f"{'url':<58} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'first ms':>9}")
    for url in args.urls:
        # Warm-up: one request per user, not measured (compilation, connection pool, query plans).
        first = None
        for opener in openers:
            start = time.perf_counter()
            opener.open(args.base + url, timeout=args.timeout).read()
            if first is None:
                first = (time.perf_counter() - start) * 1000

        def one(i):
            opener = openers[i % args.users]
            start = time.perf_counter()
            try:
                response = opener.open(args.base + url, timeout=args.timeout)
                response.read()
                ok = response.status == 200 and "/Account/SignIn" not in response.url
            except Exception:  # noqa: BLE001 - any failure counts as an error
                ok = False
            return (time.perf_counter() - start) * 1000, ok

        with concurrent.futures.ThreadPoolExecutor(max_workers=args.users) as pool:
            results = list(pool.map(one, range(args.requests)))
        times = sorted(t for t, _ in results)
        errors = sum(1 for _, ok in results if not ok)
        failed |= errors > 0
        p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
        print(f"{url:<58} {len(times):>8} {errors:>6} {statistics.median(times):>8.1f} {p95:>8.1f} {times[-1]:>8.1f} {first:>9.1f}", flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
