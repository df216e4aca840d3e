scenario {
	id = "xmr.rpc.get-version",
	title = "get_version answers a packed RPC version (major << 16 | minor) and status OK",
	family = "monero",
	roadmap = { "TERM-01", "DATA-07" },
	run = function(t)
		local v = t.node:call("get_version", dlt.object {})
		t:shape(v, { version = "integer", release = "boolean", status = "string" }, "get_version")
		t:eq(v.status, "OK", "status")
		t:ok(v.version >> 16 >= 3, "RPC major version is 3 or later", v.version)
		local info = t.node:info()
		t:eq(info.implementation, "monerod", "info().implementation")
		t:match(info.version, "^%d+%.%d+%.%d+%.%d+$", "info().version")
	end,
}
