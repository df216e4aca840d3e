-- Issue 10, item 3: top-level code that never ends. With --load-timeout 2 the file gets a load
-- error naming the limit (run: verdict error; list: LOAD ERROR) and the rest of the plan goes on.
while true do pcall(function() while true do end end) end

scenario {
	id = "hostile.toplevel-loop", title = "never loads", family = "ethereum",
	roadmap = { "NODE-01" },
	run = function(t) t:ok(true) end,
}
