-- Issue 10, items 5 and 6: 100 MB of t:log and print was stored whole, twice. At most
-- 1000 lines and 1 MiB are stored, then a note. Verdict: pass.
scenario {
	id = "hostile.log-bomb", title = "100 MB of log", family = "ethereum",
	roadmap = { "NODE-01" }, timeout = 60,
	run = function(t)
		local mb = string.rep("l", 1024 * 1024)
		for i = 1, 50 do t:log("%s", mb) end
		for i = 1, 50 do print(mb) end
		for i = 1, 5000 do t:log("line %d", i) end
		t:ok(true, "logged")
	end,
}
