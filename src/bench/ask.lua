-- wrk script for POST /api/ask: rotates through English, Dutch, off-topic and escalation questions and
-- counts statuses, 503s without Retry-After, and any 5xx other than 503.
local questions = {
  "May I scrape websites to build a dataset for my research?",
  "Can I train an AI model on journal articles from the WUR library?",
  "How long may I keep the copies I made for text and data mining?",
  "What does the text and data mining exception in the DSM Directive allow?",
  "Mag ik websites scrapen voor mijn onderzoek?",
  "Hoe lang mag ik mijn data bewaren?",
  "May I share my scraped corpus with a company?",
  "Does a robots.txt opt-out bind my research project?",
  "What is a good restaurant in Wageningen?",
  "A publisher threatens to sue me over my corpus. What now?",
  "Do I need permission from rightholders to mine texts for scientific research at WUR?",
  "What does recital 14 say about storage of copies?",
}
local bodies = {}
for i, q in ipairs(questions) do
  bodies[i] = '{"question":"' .. q .. '"}'
end

local threads = {}
function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  n = 0
  statuses = {}
  missing_retry_after = 0
  other_5xx = 0
end

function request()
  n = n + 1
  return wrk.format("POST", "/api/ask", { ["Content-Type"] = "application/json" }, bodies[(n + id) % #bodies + 1])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 503 and headers["Retry-After"] == nil then
    missing_retry_after = missing_retry_after + 1
  end
  if status >= 500 and status ~= 503 then
    other_5xx = other_5xx + 1
  end
end

function done(summary, latency, requests)
  local totals, missing, other = {}, 0, 0
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      totals[status] = (totals[status] or 0) + count
    end
    missing = missing + thread:get("missing_retry_after")
    other = other + thread:get("other_5xx")
  end
  local answered = totals[200] or 0
  io.write(string.format("latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("answers (200) per second: %.1f\n", answered / (summary.duration / 1e6)))
  for status, count in pairs(totals) do
    io.write(string.format("status %d: %d\n", status, count))
  end
  io.write(string.format("socket errors: connect %d, read %d, write %d, timeout %d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
  io.write(string.format("503 without Retry-After: %d; other 5xx: %d\n", missing, other))
end
