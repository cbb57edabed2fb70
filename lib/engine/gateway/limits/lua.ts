// The Redis side of decide.ts, as one Lua script: Redis runs a script atomically, so the read of the
// server's clock (TIME), the check of every limit and the consumption are one step for all gateways.
// Same formulas as decide.ts (windows, GCRA with its epsilon GCRA_EPSILON_MS = 0.01, "refuse if any refuses, then consume
// nothing"); the script returns the state it read so the caller builds the headers with decide().

/** UTC civil dates from days since 1970-01-01 and back (H. Hinnant's algorithms), for month windows. */
export const LUA_CALENDAR = `
local function days_from_civil(y, m, d)
  if m <= 2 then y = y - 1 end
  local era = math.floor(y / 400)
  local yoe = y - era * 400
  local mp = m + 9
  if m > 2 then mp = m - 3 end
  local doy = math.floor((153 * mp + 2) / 5) + d - 1
  local doe = yoe * 365 + math.floor(yoe / 4) - math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
end

local function civil_from_days(z)
  z = z + 719468
  local era = math.floor(z / 146097)
  local doe = z - era * 146097
  local yoe = math.floor((doe - math.floor(doe / 1460) + math.floor(doe / 36524) - math.floor(doe / 146096)) / 365)
  local y = yoe + era * 400
  local doy = doe - (365 * yoe + math.floor(yoe / 4) - math.floor(yoe / 100))
  local mp = math.floor((5 * doy + 2) / 153)
  local d = doy - math.floor((153 * mp + 2) / 5) + 1
  local m = mp + 3
  if mp >= 10 then m = mp - 9 end
  if m <= 2 then y = y + 1 end
  return y, m, d
end

-- period 1 = minute, 2 = day, 3 = month: [start, end) in ms containing now.
local function window(period, now)
  if period == 1 then
    local s = math.floor(now / 60000) * 60000
    return s, s + 60000
  end
  local day = math.floor(now / 86400000)
  if period == 2 then return day * 86400000, (day + 1) * 86400000 end
  local y, m, d = civil_from_days(day)
  local ny, nm = y, m + 1
  if nm > 12 then ny, nm = y + 1, 1 end
  return (day - d + 1) * 86400000, days_from_civil(ny, nm, 1) * 86400000
end
`;

/**
 * KEYS[1]: the consumer's key base ("<prefix>{<consumer>}": one hash slot). ARGV: the bucket's
 * interval in ms and burst, then perMinute, perDay, perMonth; "" where the plan has no such limit.
 * Returns { allowed 0|1, now ms, TAT read, count read per minute/day/month (-1: no such limit) }.
 * Counter keys expire a minute after their window ends and the TAT key a second after the bucket
 * would be full again, so nothing outlives its use.
 */
export const LUA_CONSUME = `${LUA_CALENDAR}
local base = KEYS[1]
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local limits = { tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]) }
local periods = { 'minute', 'day', 'month' }

local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)

local allowed = true
local tatKey = base .. ':tat'
local tat = 0
local newTat = nil
if interval then
  tat = tonumber(redis.call('GET', tatKey) or '0') or 0
  local nextTat = math.max(tat, now) + interval
  if now + 0.01 < nextTat - burst * interval then allowed = false else newTat = nextTat end
end

local counts = { -1, -1, -1 }
local keys = {}
local ends = {}
for i = 1, 3 do
  if limits[i] then
    local s, e = window(i, now)
    keys[i] = base .. ':' .. periods[i] .. ':' .. string.format('%.0f', s)
    ends[i] = e
    counts[i] = tonumber(redis.call('GET', keys[i]) or '0') or 0
    if counts[i] + 1 > limits[i] then allowed = false end
  end
end

if allowed then
  for i = 1, 3 do
    if limits[i] then
      redis.call('INCR', keys[i])
      redis.call('PEXPIRE', keys[i], string.format('%.0f', ends[i] - now + 60000))
    end
  end
  if newTat then
    redis.call('SET', tatKey, string.format('%.3f', newTat), 'PX', string.format('%.0f', math.ceil(newTat - now) + 1000))
  end
end

return { allowed and 1 or 0, string.format('%.0f', now), string.format('%.3f', tat), counts[1], counts[2], counts[3] }
`;
