-- wrk script for `make load`: a realistic mix of the registry's pages.
--
-- LOAD_PATHS holds one request a line, "public <path>" or "organizer <path>"; each
-- connection takes them in turn. Organizer requests carry LOAD_COOKIE (a signed-in session).
-- Any answer other than 200 counts as an error, so a lost session or a redirect to the login
-- page shows up. done() prints "key value" lines for bench.load to read.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  requests = {}
  failures = 0
  index = 0
  local cookie = os.getenv("LOAD_COOKIE")
  for line in string.gmatch(os.getenv("LOAD_PATHS"), "[^\n]+") do
    local who, path = line:match("^(%S+) (.+)$")
    local headers = {}
    if who == "organizer" then
      headers["Cookie"] = cookie
    end
    table.insert(requests, wrk.format("GET", path, headers))
  end
end

function request()
  index = index % #requests + 1
  return requests[index]
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
  local errors = summary.errors
  io.write(string.format("requests %d\n", summary.requests))
  io.write(string.format("duration_us %d\n", summary.duration))
  io.write(string.format("socket_errors %d\n",
    errors.connect + errors.read + errors.write + errors.timeout))
  io.write(string.format("not_200 %d\n", failed))
  for _, p in ipairs({50, 95, 99}) do
    io.write(string.format("p%d_us %d\n", p, latency:percentile(p)))
  end
end
