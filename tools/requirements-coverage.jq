# tools/requirements-coverage.jq: how much of the roadmap the suites back, from the plan.
#   dlt-interop list --json > plan.json
#   jq --slurpfile plan plan.json -f tools/requirements-coverage.jq roadmap/roadmap.json
# A requirement is backed by canonical data when a scenario that names it in `roadmap` names
# at least one vector file in `vectors` (docs/roadmap.md, "Coverage"); a requirement without
# any scenario needs an `untestable` reason. Retired requirements are left out.
($plan[0] | map(select(.load_error == null)) | unique_by(.scenario)) as $sc
| [.requirements[] | select(.retired == null)] as $reqs
| [$reqs[] | select(.level == "MUST")] as $must
| def scen($id): [$sc[] | select(.roadmap | index($id))];
  def backed($id): [scen($id)[] | select((.vectors // []) | length > 0)] | length > 0;
{
  requirements: ($reqs | length),
  must: ($must | length),
  must_backed: ([$must[] | select(backed(.id))] | length),
  must_backed_percent: (if ($must | length) > 0
    then ([$must[] | select(backed(.id))] | length) * 100 / ($must | length) | floor else 100 end),
  must_not_backed: [$must[] | select(backed(.id) | not) | .id],
  backed: ([$reqs[] | select(backed(.id))] | length),
  untestable: [$reqs[] | select(.untestable != null) | .id],
  without_scenario_or_reason: [$reqs[] | select((scen(.id) | length) == 0 and .untestable == null) | .id],
  scenarios: ($sc | length),
  scenarios_with_vectors: ([$sc[] | select((.vectors // []) | length > 0)] | length)
}
