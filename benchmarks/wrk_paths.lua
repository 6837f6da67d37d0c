-- wrk script of benchmarks/faults.py: GET the paths listed in a file (one per line, in
-- turn), count the answers by status code and print them as "status <code> <count>" lines.
--
--   wrk -t2 -c8 -d10s -s benchmarks/wrk_paths.lua http://127.0.0.1:8000 -- paths.txt

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if line ~= "" then
      table.insert(paths, line)
    end
  end
  statuses = {}
  next_path = math.random(#paths)
  wrk.headers["Accept-Language"] = "vi"
  wrk.headers["User-Agent"] = "wrk (benchmarks/faults.py)"
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  for status, count in pairs(total) do
    io.write(string.format("status %d %d\n", status, count))
  end
  io.write(string.format("errors %d %d %d %d\n", summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout))
  io.write(string.format("latency %d %d %d\n", latency:percentile(50),
    latency:percentile(99), latency.max))
end
