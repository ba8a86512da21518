# The two commands a new machine needs: `make run` and `make test`.
.PHONY: run test check routes infra-check bench load

run:  ## run the portal locally on moto + cargo lambda watch
	./scripts/run.sh

test:  ## every test: unit tests and integration tests against moto
	./scripts/test.sh

check:  ## formatting, lints, the structure rules and the generated route copies, as CI runs them
	./scripts/check-structure.sh
	cargo run -q -p integration-tests --bin portal-local -- routes --check
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	./scripts/lint-web.sh

routes:  ## regenerate what comes from the route table: the cargo lambda watch router, the README's table
	cargo run -q -p integration-tests --bin portal-local -- routes

infra-check:  ## the SAM template, offline: cfn-lint, sam validate --lint, checkov, sam build (x86_64)
	./scripts/infra-check.sh

bench:  ## cold start, latency, memory, size and AWS calls per function, against a hello-world floor
	./scripts/bench.sh

load:  ## bounded load run against the local stack: 20 clients x 60 s
	./scripts/load-run.sh

.PHONY: deploy-web
deploy-web:  ## after `sam deploy`: web/ to the site bucket, config.json from the stack, CloudFront invalidation
	./scripts/deploy-web.sh
