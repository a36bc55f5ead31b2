-- wrk script for `npm run bench:search` (tests/bench/search.ts writes the data file).
--
-- Every request is a different search a shopper could type: 1 to 3 words
-- drawn from the bench catalog's vocabulary with Zipf weights, 20 % with a
-- typo, random filters (type, vendor, tag, price, in stock), a sort and a
-- page. SEARCH_MODE=suggest asks for the header's instant suggestions
-- instead, as the htmx request sends them: the start of a catalog title
-- being typed (70 %) or of a vocabulary word (30 %), 20 % with a typo.
-- SEARCH_UNCACHED=1 adds a counter to each URL, so no answer comes from the
-- page cache. At the end it prints one JSON line of figures.

local data_file = os.getenv("SEARCH_BENCH_DATA")
local mode = os.getenv("SEARCH_MODE") or "search"
local uncached = os.getenv("SEARCH_UNCACHED") == "1"

local words, vendors, types, titles, cumulative, total = {}, {}, {}, {}, {}, 0
local sorts = { "relevance", "price-asc", "price-desc", "newest", "best-selling" }
local counter = 0
local thread_number = 0

function setup(thread)
  thread_number = thread_number + 1
  thread:set("number", thread_number)
end

function init(args)
  for line in io.lines(data_file) do
    local kind, value = line:match("^(%a) (.+)$")
    if kind == "w" then
      words[#words + 1] = value
      total = total + 1 / #words
      cumulative[#words] = total
    elseif kind == "v" then
      vendors[#vendors + 1] = value
    elseif kind == "t" then
      types[#types + 1] = value
    elseif kind == "p" then
      titles[#titles + 1] = value
    end
  end
  -- the same queries on every run: a fixed seed per thread
  math.randomseed(1000 + (number or 1))
end

-- a word by rank with Zipf weights (binary search over the cumulative weights)
local function zipf_word()
  local target = math.random() * total
  local low, high = 1, #words
  while low < high do
    local middle = math.floor((low + high) / 2)
    if cumulative[middle] < target then low = middle + 1 else high = middle end
  end
  return words[low]
end

-- one edit: two neighbours swapped, a letter dropped, or a letter replaced
local function typo(word)
  if #word < 4 then return word end
  local at = math.random(1, #word - 1)
  local roll = math.random(3)
  if roll == 1 then
    return word:sub(1, at - 1) .. word:sub(at + 1, at + 1) .. word:sub(at, at) .. word:sub(at + 2)
  elseif roll == 2 then
    return word:sub(1, at - 1) .. word:sub(at + 1)
  end
  local letter = string.char(math.random(97, 122))
  return word:sub(1, at - 1) .. letter .. word:sub(at + 1)
end

local function encode(text)
  return (text:gsub("[^%w%-_.~]", function(char) return string.format("%%%02X", string.byte(char)) end))
end

local function search_path()
  local terms = {}
  for index = 1, math.random(1, 3) do terms[index] = zipf_word() end
  if math.random() < 0.2 then
    local index = math.random(#terms)
    terms[index] = typo(terms[index])
  end
  local query = { "q=" .. encode(table.concat(terms, " ")) }
  if math.random() < 0.2 then query[#query + 1] = "type=" .. encode(types[math.random(#types)]) end
  if math.random() < 0.15 then query[#query + 1] = "vendor=" .. encode(vendors[math.random(math.min(#vendors, 50))]) end
  if math.random() < 0.1 then query[#query + 1] = "tag=" .. encode(zipf_word()) end
  if math.random() < 0.15 then
    local low = math.random(0, 30)
    query[#query + 1] = "min=" .. low .. "&max=" .. (low + math.random(5, 40))
  end
  if math.random() < 0.15 then query[#query + 1] = "in_stock=1" end
  if math.random() < 0.7 then query[#query + 1] = "sort=" .. sorts[math.random(#sorts)] end
  local roll = math.random()
  if roll > 0.6 then query[#query + 1] = "page=" .. (roll > 0.85 and 3 or 2) end
  return "/search?" .. table.concat(query, "&")
end

-- what the header box sends while the shopper types: the start of a title, cut after
-- 2+ letters of its first or second word, or the start of a word
local function suggest_path()
  local typed
  if #titles > 0 and math.random() < 0.7 then
    local title = titles[math.random(#titles)]
    local space = title:find(" ", 3, true)
    local cut = math.random(2, #title)
    if space and cut > space and cut < space + 2 then cut = space + 2 end
    typed = title:sub(1, math.min(cut, (title:find(" ", (space or #title) + 1, true) or #title + 1) - 1))
  else
    local word = zipf_word()
    typed = word:sub(1, math.random(math.min(2, #word), #word))
  end
  if math.random() < 0.2 then typed = typo(typed) end
  return "/search?q=" .. encode(typed)
end

function request()
  local path = mode == "suggest" and suggest_path() or search_path()
  if uncached then
    counter = counter + 1
    path = path .. "&bench=" .. (number or 1) .. "-" .. counter
  end
  local headers = {}
  if mode == "suggest" then
    headers["HX-Request"] = "true"
    headers["HX-Target"] = "search-suggestions"
  end
  return wrk.format("GET", path, headers)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests":%d,"durationUs":%d,"p50Us":%d,"p95Us":%d,"p99Us":%d,"maxUs":%d,"non2xx":%d,"socketErrors":%d}\n',
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
