-- prelude.lua: the Lua side of the host, compiled into the runner (runner/prelude.c is
-- generated from this file). It receives the context methods table and the dlt library, and
-- adds what is easier to write in Lua: shape matching (t:shape, dlt.shape.*) and polling
-- (t:wait_until). Checks are recorded through t:_record, which stores file:line.
local methods, dlt = ...

local shape = {}
dlt.shape = shape

local EXACT = setmetatable({}, { __tostring = function() return "dlt.shape.exact" end })
shape.exact = EXACT

local function mark(kind, fields)
  fields.__shape = kind
  return fields
end

function shape.array(elem, min, max) return mark("array", { elem = elem, min = min, max = max }) end
function shape.optional(s) return mark("optional", { inner = s }) end
function shape.nullable(s) return mark("nullable", { inner = s }) end
function shape.oneof(...) return mark("oneof", { options = { ... } }) end

local function is_array(v)
  if type(v) ~= "table" then return false end
  local mt = getmetatable(v)
  if mt and mt.__name == "array" then return true end
  if mt and mt.__name == "object" then return false end
  local n = 0
  for k in pairs(v) do
    if math.type(k) ~= "integer" or k < 1 then return false end
    n = n + 1
  end
  return n == #v
end

local patterns = {
  quantity = function(v) return type(v) == "string" and (v == "0x0" or v:match("^0x[1-9a-fA-F][0-9a-fA-F]*$") ~= nil) end,
  data = function(v) return type(v) == "string" and v:match("^0x[0-9a-fA-F]*$") ~= nil and #v % 2 == 0 end,
  hash32 = function(v) return type(v) == "string" and #v == 66 and v:match("^0x[0-9a-fA-F]+$") ~= nil end,
  address = function(v) return type(v) == "string" and #v == 42 and v:match("^0x[0-9a-fA-F]+$") ~= nil end,
  hex = function(v) return type(v) == "string" and v:match("^0x[0-9a-fA-F]*$") ~= nil end,
  hex64 = function(v) return type(v) == "string" and #v == 64 and v:match("^[0-9a-fA-F]+$") ~= nil end,
  string = function(v) return type(v) == "string" end,
  number = function(v) return type(v) == "number" end,
  integer = function(v) return math.type(v) == "integer" end,
  boolean = function(v) return type(v) == "boolean" end,
  table = function(v) return type(v) == "table" end,
  array = function(v) return is_array(v) end,
  object = function(v) return type(v) == "table" and not (is_array(v) and next(v) ~= nil) end,
  null = function(v) return v == dlt.null end,
  any = function(v) return v ~= nil end,
}

local function describe(s)
  if type(s) == "string" then return s end
  if type(s) == "table" and s.__shape then
    if s.__shape == "array" then return "array of " .. describe(s.elem) end
    if s.__shape == "optional" then return "optional " .. describe(s.inner) end
    if s.__shape == "nullable" then return describe(s.inner) .. " or null" end
    if s.__shape == "oneof" then
      local parts = {}
      for i, o in ipairs(s.options) do parts[i] = describe(o) end
      return "one of (" .. table.concat(parts, ", ") .. ")"
    end
  end
  return "object"
end

local function actual_of(v)
  if v == nil then return "absent" end
  if type(v) == "function" or type(v) == "thread" then return tostring(v) end
  if type(v) == "table" then return dlt.json.decode(dlt.json.encode(v)) or tostring(v) end
  return v
end

-- Collect mismatches as {path=, expected=, actual=}
local function match(v, s, path, out)
  if type(s) == "string" then
    local test = patterns[s]
    if not test then error("unknown shape '" .. s .. "'", 0) end
    if not test(v) then out[#out + 1] = { path = path, expected = s, actual = actual_of(v) } end
    return
  end
  if type(s) ~= "table" then error("a shape must be a string or a table", 0) end
  local kind = s.__shape
  if kind == "optional" then
    if v ~= nil then match(v, s.inner, path, out) end
    return
  elseif kind == "nullable" then
    if v ~= dlt.null then match(v, s.inner, path, out) end
    return
  elseif kind == "oneof" then
    for _, o in ipairs(s.options) do
      local sub = {}
      match(v, o, path, sub)
      if #sub == 0 then return end
    end
    out[#out + 1] = { path = path, expected = describe(s), actual = actual_of(v) }
    return
  elseif kind == "array" then
    if not is_array(v) then
      out[#out + 1] = { path = path, expected = describe(s), actual = actual_of(v) }
      return
    end
    if s.min and #v < s.min then
      out[#out + 1] = { path = path, expected = "at least " .. s.min .. " items", actual = #v }
    end
    if s.max and #v > s.max then
      out[#out + 1] = { path = path, expected = "at most " .. s.max .. " items", actual = #v }
    end
    for i = 1, #v do match(v[i], s.elem, path .. "[" .. (i - 1) .. "]", out) end
    return
  end
  -- object shape
  if type(v) ~= "table" or (is_array(v) and next(v) ~= nil) then
    out[#out + 1] = { path = path, expected = "object", actual = actual_of(v) }
    return
  end
  local keys = {}
  for k in pairs(s) do if k ~= EXACT then keys[#keys + 1] = k end end
  table.sort(keys)
  for _, k in ipairs(keys) do
    local sub = s[k]
    local fv = v[k]
    if fv == nil and not (type(sub) == "table" and sub.__shape == "optional") then
      out[#out + 1] = { path = path .. "." .. k, expected = describe(sub), actual = "absent" }
    else
      match(fv, sub, path .. "." .. k, out)
    end
  end
  if s[EXACT] then
    for k, fv in pairs(v) do
      if s[k] == nil then
        out[#out + 1] = { path = path .. "." .. tostring(k), expected = "absent", actual = actual_of(fv) }
      end
    end
  end
end

-- Return the list of mismatches (empty when the value fits).
function shape.mismatches(v, s)
  local out = {}
  match(v, s, "$", out)
  return out
end

function methods:shape(v, s, label)
  local out = shape.mismatches(v, s)
  local ok = #out == 0
  local diff = {}
  for i = 1, math.min(#out, 50) do diff[i] = out[i] end
  return self:_record(ok, label or "shape", describe(s), ok and nil or actual_of(v),
                      ok and nil or dlt.array(diff), 2)
end

function methods:wait_until(fn, seconds, label)
  local limit = dlt.now() + (seconds or 10)
  while true do
    local v = fn()
    if v then return v end
    if dlt.now() >= limit then
      self:_record(false, label or "wait_until", "true within " .. (seconds or 10) .. " s",
                   "still false", nil, 2)
      return nil
    end
    self:sleep(0.1)
  end
end
