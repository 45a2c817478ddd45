-- wrk script for `manage.py load_test`: each connection walks the list of
-- paths in WRK_PATHS (one per line) from its own random start, and the run
-- ends with one JSON line of counts and latency percentiles (microseconds),
-- and how many answers came from the page cache (X-Cache: hit).
-- With WRK_THINK_MS above 0 each connection is a visitor who pauses between
-- requests (uniformly 0 to twice that many milliseconds), as people read a page.

local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do
  paths[#paths + 1] = line
end

local think = tonumber(os.getenv("WRK_THINK_MS") or "0") or 0
local counter = 1
local threads = {}

function setup(thread)
  thread:set("offset", #threads * 7919)
  table.insert(threads, thread)
end

function init(args)
  counter = (offset or 0) % #paths + 1
  math.randomseed(1000 + (offset or 0))
  hits = 0
end

function delay()
  if think > 0 then
    return math.random(0, 2 * think)
  end
  return 0
end

function response(status, headers, body)
  if headers["X-Cache"] == "hit" or headers["X-Cache"] == "stale" then
    hits = hits + 1
  end
end

function request()
  local path = paths[counter]
  counter = counter % #paths + 1
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local e = summary.errors
  local cache_hits = 0
  for _, thread in ipairs(threads) do
    cache_hits = cache_hits + (thread:get("hits") or 0)
  end
  io.write(string.format(
    'WRK_RESULT {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"p50_us": %d, "p90_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"connect_errors": %d, "read_errors": %d, "write_errors": %d, ' ..
    '"status_errors": %d, "timeouts": %d, "cache_hits": %d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout, cache_hits))
end
