-- wrk script for bench/dashboard-load.sh: one signed-in session per wrk thread (run wrk with as many threads as
-- connections, so that each simulated user keeps its own cookie), and a count of answers that are not 200 (a
-- redirect to the sign-in page is a failure here, though wrk itself counts only 4xx/5xx as errors).
-- COOKIES names a file with one "cltv.auth=..." cookie per line.

local cookies = {}
local threads = {}
local next_cookie = 1

local function read_cookies()
  local path = os.getenv("COOKIES")
  for line in io.lines(path) do
    if line ~= "" then
      cookies[#cookies + 1] = line
    end
  end
  if #cookies == 0 then
    error("no cookies in " .. path)
  end
end

function setup(thread)
  if #cookies == 0 then
    read_cookies()
  end
  thread:set("cookie", cookies[(next_cookie - 1) % #cookies + 1])
  next_cookie = next_cookie + 1
  threads[#threads + 1] = thread
end

function init(args)
  failures = 0
  wrk.headers["Cookie"] = cookie
end

function response(status, headers, body)
  if status ~= 200 then
    failures = failures + 1
  end
end

function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("failures")
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  -- One machine-readable line; latencies are in microseconds.
  io.write(string.format("RESULT requests=%d errors=%d p50=%.1f p95=%.1f p99=%.1f max=%.1f\n",
    summary.requests, errors + failed,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
