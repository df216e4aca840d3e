/*
 * test_external.c: what of the external adapter and of attach mode needs no process: the
 * endpoint rule (loopback or CURVE), the protocol's replies (ext_msg.c: envelopes, error codes,
 * result shapes, hello), and keys files (runner/attach.c: lines, comments, refusals naming file
 * and line without quoting a key, limits).
 */
#include "adapters/adapter.h"
#include "adapters/external/external.h"
#include "adapters/external/ext_msg.h"
#include "runner/attach.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_endpoints(void)
{
	tap_ok(dlt_ext_endpoint_is_local("tcp://127.0.0.1:5555"), "tcp://127.0.0.1 is loopback");
	tap_ok(dlt_ext_endpoint_is_local("tcp://127.0.0.1:${port}"),
	       "a template on 127.0.0.1 is loopback");
	tap_ok(dlt_ext_endpoint_is_local("tcp://localhost:1") &&
		       dlt_ext_endpoint_is_local("tcp://[::1]:1"),
	       "localhost and [::1] are loopback");
	tap_ok(dlt_ext_endpoint_is_local("ipc:///tmp/a.sock"), "ipc:// is local");
	tap_ok(!dlt_ext_endpoint_is_local("tcp://10.0.0.5:5555"), "10.0.0.5 is not loopback");
	tap_ok(!dlt_ext_endpoint_is_local("tcp://127.example.com:5555"),
	       "a name starting 127. is not an address");
	tap_ok(!dlt_ext_endpoint_is_local("tcp://0.0.0.0:1") &&
		       !dlt_ext_endpoint_is_local("tcp://*:1"),
	       "0.0.0.0 and * are not loopback");
	tap_ok(!dlt_ext_endpoint_is_local("tcp://127.0.0.1:1;10.0.0.5:2"),
	       "the source;destination form is not loopback");
	tap_ok(!dlt_ext_endpoint_is_local("http://127.0.0.1:1") && !dlt_ext_endpoint_is_local(NULL),
	       "other schemes and NULL are not endpoints");
}

static int parse(const char *text, struct dlt_ext_reply *r, char *err)
{
	return dlt_ext_parse_reply(text, strlen(text), r, err, 300);
}

static void test_replies(void)
{
	struct dlt_ext_reply r;
	char err[300];
	tap_ok(parse("{\"v\":1,\"id\":7,\"ok\":true,\"result\":null}", &r, err) == 0 && r.ok &&
		       r.id == 7 && cJSON_IsNull(r.result),
	       "a null result is a result");
	dlt_ext_reply_clear(&r);
	tap_ok(parse("{\"v\":1,\"id\":7,\"ok\":true}", &r, err) != 0 &&
		       strstr(err, "no \"result\""),
	       "ok without result is refused");
	tap_ok(parse("{\"v\":2,\"id\":7,\"ok\":true,\"result\":1}", &r, err) != 0 &&
		       strstr(err, "\"v\""),
	       "another version is refused");
	tap_ok(parse("{\"v\":1,\"id\":-1,\"ok\":true,\"result\":1}", &r, err) != 0 &&
		       parse("{\"v\":1,\"id\":1.5,\"ok\":true,\"result\":1}", &r, err) != 0,
	       "ids are non-negative integers");
	tap_ok(parse("[1]", &r, err) != 0 && parse("{\"v\":1,\"id\":1,\"ok\":tru", &r, err) != 0 &&
		       strstr(err, "not JSON"),
	       "not an object, not JSON: refused");
	tap_ok(parse("{\"v\":1,\"id\":1,\"ok\":false,\"error\":{\"code\":\"unsupported\",\"message\":\"no\"}}",
		     &r, err) == 0 &&
		       !r.ok && r.kind == DLT_E_UNSUPPORTED && !strcmp(r.message, "no"),
	       "unsupported maps to DLT_E_UNSUPPORTED");
	dlt_ext_reply_clear(&r);
	tap_ok(parse("{\"v\":1,\"id\":1,\"ok\":false,\"error\":{\"code\":\"rpc\",\"message\":\"reverted\","
		     "\"rpc_code\":3,\"data\":\"0x01\"}}",
		     &r, err) == 0 &&
		       r.kind == DLT_E_RPC && r.rpc_code == 3 && r.rpc_error &&
		       cJSON_GetObjectItem(r.rpc_error, "data"),
	       "an rpc error carries code and data");
	dlt_ext_reply_clear(&r);
	tap_ok(parse("{\"v\":1,\"id\":1,\"ok\":false,\"error\":{\"code\":\"rpc\",\"message\":\"x\"}}",
		     &r, err) != 0,
	       "an rpc error without rpc_code is refused");
	tap_ok(parse("{\"v\":1,\"id\":1,\"ok\":false,\"error\":{\"code\":\"weird\",\"message\":\"x\"}}",
		     &r, err) == 0 &&
		       r.kind == DLT_E_PROTOCOL,
	       "an unknown code is protocol");
	dlt_ext_reply_clear(&r);
	tap_ok(parse("{\"v\":1,\"id\":1,\"ok\":false,\"error\":{\"code\":7}}", &r, err) != 0,
	       "an error without strings is refused");
	char big[2000];
	snprintf(
		big, sizeof big,
		"{\"v\":1,\"id\":1,\"ok\":false,\"error\":{\"code\":\"internal\",\"message\":\"%01200d\"}}",
		0);
	tap_ok(parse(big, &r, err) == 0 && strlen(r.message) < 700, "a long message is cut");
	dlt_ext_reply_clear(&r);
}

static int shape(const char *op, const char *json)
{
	cJSON *v = cJSON_Parse(json);
	char err[300];
	int rc = dlt_ext_check_result(op, v, err, sizeof err);
	cJSON_Delete(v);
	return rc == 0;
}

static void test_shapes(void)
{
	tap_ok(shape("height", "5") && !shape("height", "\"5\"") && !shape("height", "-1") &&
		       !shape("height", "1.5"),
	       "height: a non-negative integer");
	tap_ok(shape("block", "null") &&
		       shape("block",
			     "{\"number\":1,\"hash\":\"h\",\"parent\":\"p\",\"time\":2,\"txids\":[]}") &&
		       !shape("block", "{\"number\":1,\"hash\":\"h\",\"time\":2,\"txids\":[]}"),
	       "block: null or the whole object");
	tap_ok(shape("balance", "\"120\"") && !shape("balance", "\"1.5\"") &&
		       !shape("balance", "120"),
	       "balance: digits");
	tap_ok(shape("tx_status", "{\"state\":\"pending\",\"block\":null,\"confirmations\":0}") &&
		       !shape("tx_status",
			      "{\"state\":\"gone\",\"block\":null,\"confirmations\":0}"),
	       "tx_status: the three states");
	tap_ok(shape("rpc_raw",
		     "{\"status\":200,\"body\":{\"$bytes\":\"00\"},\"content_type\":null}") &&
		       !shape("rpc_raw", "{\"status\":200}"),
	       "rpc_raw: status and body");
	tap_ok(shape("rpc", "[1,{\"a\":null}]") && shape("info", "{}") && !shape("info", "[]"),
	       "rpc: anything; info: an object");
	cJSON *h = cJSON_Parse(
		"{\"protocol\":1,\"implementation\":\"x\",\"version\":\"1\",\"family\":\"external\","
		"\"capabilities\":[\"mine\"],\"operations\":[\"height\"],\"pub\":null}");
	char err[300];
	tap_ok(dlt_ext_check_hello(h, err, sizeof err) == 0 && dlt_ext_hello_has_op(h, "height") &&
		       !dlt_ext_hello_has_op(h, "block"),
	       "a hello is checked and lists its operations");
	cJSON_ReplaceItemInObject(h, "protocol", cJSON_CreateNumber(2));
	tap_ok(dlt_ext_check_hello(h, err, sizeof err) != 0 && strstr(err, "protocol"),
	       "a hello of protocol 2 is refused");
	cJSON_Delete(h);
}

static int keys(const char *content, char *err, size_t errlen, cJSON **acc)
{
	char path[] = "/tmp/dlt-keys-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return -2;
	FILE *f = fdopen(fd, "w");
	fputs(content, f);
	fclose(f);
	int rc = dlt_attach_load_keys(path, acc, err, errlen);
	unlink(path);
	return rc;
}

static void test_keys(void)
{
	char err[600];
	cJSON *acc = NULL;
	const char *k1 = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
	char text[400];
	snprintf(text, sizeof text, "# funded\n\n  0x%s  \n%s\n", k1, k1);
	tap_ok(keys(text, err, sizeof err, &acc) == 0 && cJSON_GetArraySize(acc) == 2,
	       "two keys, a comment, a blank line");
	const cJSON *a0 = cJSON_GetArrayItem(acc, 0);
	tap_ok(a0 && !strcmp(cJSON_GetObjectItem(a0, "address")->valuestring,
			     "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"),
	       "the address is derived from the key");
	cJSON_Delete(acc);
	acc = NULL;
	snprintf(text, sizeof text, "%s\n%.60s\n", k1, k1);
	tap_ok(keys(text, err, sizeof err, &acc) == -1 &&
		       strstr(err, ":2: expected a private key of 64 hex digits") &&
		       !strstr(err, "ac0974bec39a"),
	       "a short key: file and line named, the key not quoted");
	tap_ok(keys("0000000000000000000000000000000000000000000000000000000000000000\n", err,
		    sizeof err, &acc) == -1 &&
		       strstr(err, "not a valid secp256k1 private key"),
	       "the zero key is refused");
	snprintf(text, sizeof text, "zz%s\n", k1 + 2);
	tap_ok(keys(text, err, sizeof err, &acc) == -1 && strstr(err, "only hex digits (column 1"),
	       "a non-hex digit names its column");
	tap_ok(keys("# nothing\n", err, sizeof err, &acc) == -1 && strstr(err, "no key in it"),
	       "a file without keys is refused");
	tap_ok(dlt_attach_load_keys("/nonexistent/keys", &acc, err, sizeof err) == -1 &&
		       strstr(err, "/nonexistent/keys"),
	       "a missing file is named");
}

int main(void)
{
	test_endpoints();
	test_replies();
	test_shapes();
	test_keys();
	return tap_done();
}
