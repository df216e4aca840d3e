-- Issue 10, item 3: a coroutine created while the file loads, resumed in run(), in a loop that
-- catches. Verdict: inconclusive, time limit.
local co = coroutine.wrap(function() while true do end end)

scenario {
	id = "hostile.load-coroutine", title = "a coroutine from load time", family = "ethereum",
	roadmap = { "NODE-01" }, timeout = 3,
	run = function(t)
		t:ok(true, "started")
		while true do pcall(co) end
	end,
}
