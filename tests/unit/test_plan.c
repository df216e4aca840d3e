/*
 * test_plan.c: planning: single-role scenarios on every target of their family, pair
 * scenarios on every ordered pair of distinct targets, cross-family roles, filters, and
 * sharding (the union of all N shards is the whole plan, with no overlap, for several N);
 * chains: a scenario that needs a prepared chain only on targets serving it, the others never
 * there, targets attached by URL taking both, and what that leaves out counted per target.
 */
#include "runner/plan.h"
#include "tap.h"
#include "common/mem.h"
#include "common/strlist.h"

#include <stdlib.h>
#include <string.h>

static struct dlt_target *target(const char *name, const char *family)
{
	struct dlt_target *t = dlt_xcalloc(1, sizeof *t);
	t->name = dlt_xstrdup(name);
	t->family = dlt_xstrdup(family);
	return t;
}

static void scen(struct dlt_scenario *s, const char *id, const char *family, int nroles,
		 const char *const *roles, const char *const *role_families)
{
	memset(s, 0, sizeof *s);
	s->id = dlt_xstrdup(id);
	s->family = dlt_xstrdup(family);
	s->nroles = nroles;
	s->multi = nroles > 1;
	for (int i = 0; i < nroles; i++) {
		s->roles[i].name = dlt_xstrdup(roles[i]);
		s->roles[i].family = dlt_xstrdup(role_families ? role_families[i] : family);
	}
}

static int count_id(const struct dlt_plan *p, const struct dlt_scenario *sc, const char *id)
{
	int n = 0;
	for (size_t i = 0; i < p->n; i++)
		n += !strcmp(sc[p->items[i].scenario].id, id);
	return n;
}

static void test_chains(void)
{
	struct dlt_node nodes[3];
	memset(nodes, 0, sizeof nodes);
	nodes[0].target = target("anvil", "ethereum");
	nodes[1].target = target("fx", "ethereum");
	nodes[1].target->chain = dlt_xstrdup("execution-apis-fixtures");
	nodes[2].target = target("127.0.0.1:8545", "ethereum");
	nodes[2].target->chain_unknown = 1;
	struct dlt_scenario sc[4];
	const char *node[] = { "node" }, *ab[] = { "a", "b" };
	scen(&sc[0], "fixture.one", "ethereum", 1, node, NULL);
	scen(&sc[1], "fixture.two", "ethereum", 1, node, NULL);
	sc[0].chain = dlt_xstrdup("execution-apis-fixtures");
	sc[1].chain = dlt_xstrdup("execution-apis-fixtures");
	scen(&sc[2], "eth.single", "ethereum", 1, node, NULL);
	scen(&sc[3], "eth.pair", "ethereum", 2, ab, NULL);
	struct dlt_plan_filter none = { NULL, 0, 0 };
	struct dlt_plan p;
	dlt_plan_build(sc, 4, nodes, 3, &none, &p);
	int fx_on_anvil = 0, own_on_fx = 0;
	for (size_t i = 0; i < p.n; i++)
		for (int k = 0; k < p.items[i].ntargets; k++) {
			const struct dlt_scenario *s = &sc[p.items[i].scenario];
			fx_on_anvil |= s->chain && p.items[i].targets[k] == 0;
			own_on_fx |= !s->chain && p.items[i].targets[k] == 1;
		}
	tap_ok(count_id(&p, sc, "fixture.one") == 2 && !fx_on_anvil,
	       "a scenario needing a chain: on the target serving it and the URL target, not on anvil");
	tap_ok(count_id(&p, sc, "eth.single") == 2 && count_id(&p, sc, "eth.pair") == 2 &&
		       !own_on_fx,
	       "scenarios without a chain: never on the target serving a prepared chain, pairs included");
	int anvil_left = 0, fx_left = 0, other = 0;
	for (size_t i = 0; i < p.nleft_out; i++) {
		const struct dlt_plan_left_out *l = &p.left_out[i];
		if (l->target == 0 && l->chain && !strcmp(l->chain, "execution-apis-fixtures") &&
		    l->scenarios == 2 && !strcmp(l->example, "fixture.one"))
			anvil_left++;
		else if (l->target == 1 && !l->chain && l->scenarios == 2)
			fx_left++;
		else
			other++;
	}
	tap_ok(anvil_left == 1 && fx_left == 1 && other == 0,
	       "left out: 2 fixture scenarios on anvil, 2 own-chain scenarios on fx, none on the URL "
	       "target (%zu entries)",
	       p.nleft_out);
	dlt_plan_free(&p);
	struct dlt_strlist pats = { 0 };
	dlt_strlist_add(&pats, "fixture.one");
	struct dlt_plan_filter f = { &pats, 0, 0 };
	dlt_plan_build(sc, 4, nodes, 3, &f, &p);
	tap_ok(p.n == 2 && p.nleft_out == 1 && p.left_out[0].scenarios == 1,
	       "--filter applies to what is counted as left out (%zu entries)", p.nleft_out);
	dlt_plan_free(&p);
	dlt_strlist_free(&pats);
	tap_ok(dlt_plan_chain_matches(NULL, nodes[0].target) &&
		       !dlt_plan_chain_matches("x", nodes[0].target) &&
		       !dlt_plan_chain_matches("x", nodes[1].target) &&
		       dlt_plan_chain_matches("x", nodes[2].target),
	       "chain matching: own, other, unknown");
	for (int i = 0; i < 4; i++)
		dlt_scenario_clear(&sc[i]);
	for (int i = 0; i < 3; i++) {
		free(nodes[i].target->name);
		free(nodes[i].target->family);
		free(nodes[i].target->chain);
		free(nodes[i].target);
	}
}

int main(void)
{
	struct dlt_node nodes[5];
	memset(nodes, 0, sizeof nodes);
	const char *names[] = { "anvil", "hardhat", "ganache", "litecoind", "monerod" };
	const char *fams[] = { "ethereum", "ethereum", "ethereum", "bitcoin", "monero" };
	for (int i = 0; i < 5; i++)
		nodes[i].target = target(names[i], fams[i]);

	struct dlt_scenario sc[5];
	const char *node[] = { "node" }, *ab[] = { "a", "b" }, *swap[] = { "evm", "utxo" };
	const char *swapf[] = { "ethereum", "bitcoin" };
	scen(&sc[0], "eth.single", "ethereum", 1, node, NULL);
	scen(&sc[1], "eth.pair", "ethereum", 2, ab, NULL);
	scen(&sc[2], "common.any", "any", 1, node, NULL);
	scen(&sc[3], "swap.htlc", "ethereum", 2, swap, swapf);
	scen(&sc[4], "btc.pair", "bitcoin", 2, ab, NULL);

	struct dlt_plan_filter none = { NULL, 0, 0 };
	struct dlt_plan p;
	dlt_plan_build(sc, 5, nodes, 5, &none, &p);
	tap_ok(count_id(&p, sc, "eth.single") == 3,
	       "single-role scenario: once per ethereum target");
	tap_ok(count_id(&p, sc, "eth.pair") == 6, "pair scenario: 3 x 2 ordered pairs");
	tap_ok(count_id(&p, sc, "common.any") == 5, "family any: every target");
	tap_ok(count_id(&p, sc, "swap.htlc") == 3, "cross-family roles: 3 ethereum x 1 bitcoin");
	tap_ok(count_id(&p, sc, "btc.pair") == 0 && p.unplanned_multi == 1,
	       "a pair scenario with one target of its family is not planned, and counted");
	size_t total = p.n;
	int distinct = 1;
	for (size_t i = 0; i < p.n; i++)
		for (size_t j = i + 1; j < p.n; j++)
			distinct &= strcmp(p.items[i].key, p.items[j].key) != 0;
	tap_ok(distinct, "every item has its own key");
	int roles_ok = 1;
	for (size_t i = 0; i < p.n; i++)
		if (!strcmp(sc[p.items[i].scenario].id, "eth.pair"))
			roles_ok &= p.items[i].targets[0] != p.items[i].targets[1];
	tap_ok(roles_ok, "a pair never uses one target twice");

	/* sharding: the union of N shards is the plan, no overlap */
	for (int n = 2; n <= 5; n++) {
		int *seen = dlt_xcalloc(total, sizeof *seen);
		size_t sum = 0;
		for (int i = 1; i <= n; i++) {
			struct dlt_plan_filter f = { NULL, i, n };
			struct dlt_plan s;
			dlt_plan_build(sc, 5, nodes, 5, &f, &s);
			sum += s.n;
			for (size_t k = 0; k < s.n; k++)
				for (size_t j = 0; j < total; j++)
					if (!strcmp(s.items[k].key, p.items[j].key))
						seen[j]++;
			dlt_plan_free(&s);
		}
		int once = 1;
		for (size_t j = 0; j < total; j++)
			once &= seen[j] == 1;
		tap_ok(once && sum == total, "shards 1..%d/%d: each item exactly once (%zu items)",
		       n, n, sum);
		free(seen);
	}
	tap_ok(dlt_plan_shard_of("eth.single@anvil", 7) == dlt_plan_shard_of("eth.single@anvil", 7),
	       "an item's shard is a function of its key");

	struct dlt_strlist pats = { 0 };
	dlt_strlist_add(&pats, "eth.*@anvil*");
	struct dlt_plan_filter f = { &pats, 0, 0 };
	struct dlt_plan q;
	dlt_plan_build(sc, 5, nodes, 5, &f, &q);
	tap_ok(q.n == 1 + 2, "filter on the key: eth.single@anvil and eth.pair@anvil,* (%zu)", q.n);
	dlt_plan_free(&q);

	/* each pattern's matches are counted (before the shard cut), so one matching nothing can
	 * be named, and a plan emptied by filters told from one emptied by a shard */
	dlt_strlist_add(&pats, "no-such-*");
	struct dlt_plan_filter f2 = { &pats, 1, 1000 };
	dlt_plan_build(sc, 5, nodes, 5, &f2, &q);
	tap_ok(q.nfilters == 2 && q.filter_hits[0] == 3 && q.filter_hits[1] == 0,
	       "matches per pattern: 3 and 0");
	tap_ok(q.unfiltered == total, "items before filters and shard: %zu", q.unfiltered);
	tap_ok(q.n <= 3, "the shard cut comes after the counting (%zu kept)", q.n);
	dlt_plan_free(&q);
	dlt_strlist_free(&pats);

	test_chains();
	dlt_plan_free(&p);
	for (int i = 0; i < 5; i++) {
		dlt_scenario_clear(&sc[i]);
		free(nodes[i].target->name);
		free(nodes[i].target->family);
		free(nodes[i].target);
	}
	return tap_done();
}
