-- Issue 10, item 3: a finalizer would run when the collector decides, with hooks off, maybe
-- during a later scenario. setmetatable refuses __gc, and the metatables the runner gives to
-- values are hidden, so adding __gc there changes nothing. Verdict: error naming __gc.
scenario {
	id = "hostile.gc-finalizer", title = "a __gc finalizer", family = "ethereum",
	roadmap = { "NODE-01" }, timeout = 3,
	run = function(t)
		local mt = getmetatable(dlt.array {})
		mt.__gc = function() while true do end end
		for i = 1, 100000 do local a = dlt.array {} end
		t:ok(true, "the hidden metatable took no __gc")
		setmetatable({}, { __gc = function() while true do end end })
	end,
}
