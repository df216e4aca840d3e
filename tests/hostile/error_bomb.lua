-- Issue 10, item 5: a 50 MB error message was stored whole, twice. The reason keeps at most
-- --max-message bytes and says the full size. Verdict: error.
scenario {
	id = "hostile.error-bomb", title = "a 50 MB error message", family = "ethereum",
	roadmap = { "NODE-01" }, timeout = 60,
	run = function(t)
		t:ok(true, "started")
		error(string.rep("e", 50 * 1024 * 1024))
	end,
}
