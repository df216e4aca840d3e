-- Issue 10, item 1: runs after a_poison.lua and must see nothing of it; its last check fails.
-- Verdict: fail, with exactly one failed check ("1 is not 2").
scenario {
	id = "hostile.b-victim", title = "sees no poison", family = "ethereum",
	roadmap = { "NODE-01" },
	run = function(t)
		t:eq(("abc"):upper(), "ABC", "string methods")
		t:eq(string.format("%d", 7), "7", "string.format")
		t:eq(dlt.hex.encode(dlt.keccak256("")),
			"0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", "keccak256")
		t:eq(leaked, nil, "no leaked global")
		t:eq(tostring(12), "12", "tostring")
		t:ok(dlt.shape ~= nil, "the prelude")
		t:eq(require("eth").show(1), "1", "modules")
		t:eq(1, 2, "1 is not 2")
	end,
}
