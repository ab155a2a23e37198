"""The ``GuideEngine`` contract, run on every engine (tantivy and a real Elasticsearch node).

Each test drives the engine interface itself (``search.engine``) with documents built by the
indexer's own code, and expects the same answer from both engines.
"""

from __future__ import annotations

import numpy as np
import pytest

from govsearch.components import build_components
from indexer.documents import build_guide_document, read_guide
from indexer.guides import load_guides
from search.errors import IndexBusy
from search import regions
from search.meaning import meaning_text
from search.models import Alternative, Branch, Concept, EngineQuery, NearestQuery
from search.plan import plan
from govsearch.settings import Settings
from tests.conftest import BACKENDS, SAMPLE_GUIDES, TEST_GUIDES, read_jsonl, settings_on, write_jsonl


@pytest.fixture
def parts(engine_settings):
    components = build_components(engine_settings)
    yield components
    components.guides.drop()


def _load(parts, guides, replace=False):
    with parts.guides.writer(replace=replace) as writer:
        for guide in guides:
            writer.upsert(build_guide_document(read_guide(guide, parts.analyzer), parts.analyzer))
        writer.commit()
    return writer


def _active(guides):
    return [g for g in guides if g.get("status") != "withdrawn"]


def _word(word: str) -> Concept:
    return Concept(word, [Alternative((word,))])


def test_an_empty_engine_answers_nothing_without_failing(parts):
    engine = parts.guides
    assert engine.count() == 0
    assert engine.get("SG0001") is None
    assert list(engine.all_guides()) == []
    assert engine.search(EngineQuery([_word("身份证")])).total == 0
    assert engine.suggest("身份", 5) == []
    assert engine.lexicon().corpus == frozenset()


def test_upsert_get_count_and_every_guide_page_by_page(parts, test_guides):
    active = _active(test_guides)
    writer = _load(parts, active)
    assert writer.failures == []
    engine = parts.guides
    assert engine.count() == len(active)
    assert engine.get(active[0]["code"]).record == active[0]  # the guide exactly as loaded
    assert sorted(g.code for g in engine.all_guides()) == sorted(g["code"] for g in active)


def test_all_guides_reads_past_one_page(parts, test_guides, monkeypatch):
    import search.engines.elasticsearch as on_elasticsearch
    import search.engines.embedded as embedded

    monkeypatch.setattr(embedded, "PAGE", 3)
    monkeypatch.setattr(on_elasticsearch, "PAGE", 3)
    active = _active(test_guides)
    _load(parts, active)
    codes = [g.code for g in parts.guides.all_guides()]
    assert len(codes) == len(active) and len(set(codes)) == len(codes)


def test_replace_keeps_only_the_new_load_and_upsert_overwrites(parts, test_guides):
    active = _active(test_guides)
    _load(parts, active)
    changed = {**active[0], "name": "换了名字的事项"}
    _load(parts, [changed, active[1]], replace=True)
    engine = parts.guides
    assert engine.count() == 2
    assert engine.get(active[0]["code"]).name == "换了名字的事项"
    assert engine.get(active[2]["code"]) is None


def test_withdraw_removes_a_guide(parts, test_guides):
    active = _active(test_guides)
    _load(parts, active)
    with parts.guides.writer() as writer:
        writer.withdraw(active[0]["code"])
        writer.withdraw("NEVER-LOADED")  # withdrawing an unknown code is not an error
        writer.commit()
    assert parts.guides.get(active[0]["code"]) is None
    assert parts.guides.count() == len(active) - 1


def test_a_replace_left_without_commit_changes_nothing(parts, test_guides):
    active = _active(test_guides)
    _load(parts, active)
    with parts.guides.writer(replace=True) as writer:
        writer.upsert(build_guide_document(read_guide(active[0], parts.analyzer), parts.analyzer))
    assert parts.guides.count() == len(active)


def test_one_load_at_a_time(parts):
    with parts.guides.writer() as first:
        with pytest.raises(IndexBusy):
            parts.guides.writer()
        first.commit()
    with parts.guides.writer() as second:  # the lock went with the first load
        second.commit()


def test_search_first_answers_with_the_first_attempt_that_finds_something(parts, test_guides):
    _load(parts, _active(test_guides))
    nothing = EngineQuery([_word("不存在的词")])
    found = EngineQuery([_word("身份证")])
    position, result = parts.guides.search_first([nothing, found, nothing])
    assert position == 1 and result.total > 0
    position, result = parts.guides.search_first([nothing, nothing])
    assert position == 1 and result.total == 0


def test_scores_and_facets_agree_with_the_field_table(parts, test_guides):
    """A name match outranks a body match (name boost 10 ≫ body 1), and facets count matches."""
    _load(parts, _active(test_guides))
    result = parts.guides.search(EngineQuery([_word("身份证")], facets=("audience",)))
    assert result.hits[0].score > result.hits[-1].score > 0
    assert "身份证" in result.hits[0].guide.name
    assert sum(f.count for f in result.facets["audience"]) >= result.total


def _copies_of_services(base: dict) -> list[dict]:
    """12 services of 3 copies each, all alike (so every copy scores the same), listed out of order;
    half the codes share their first 8 characters, half do not."""
    guides = []
    for copy in (2, 0, 1):
        for service in (7, 3, 11, 0, 5, 9, 1, 10, 4, 8, 2, 6):
            code = f"SAMEHEAD{service:02d}-{copy}" if service % 2 else f"Q{copy}{service:02d}X{service}-{copy}"
            guides.append({**base, "code": code, "basic_code": f"BC{service:02d}", "parent_code": None})
    return guides


@pytest.mark.parametrize("columns", ["fast columns", "an index written before them"])
def test_one_service_once_its_lowest_code_when_copies_score_alike(parts, test_guides, columns, monkeypatch):
    if columns != "fast columns":
        if parts.settings.backend != "embedded":
            pytest.skip("the embedded engine's numeric columns")
        from search.engines import embedded

        monkeypatch.setattr(parts.guides, "schema", embedded.build_schema(fast_columns=False))
    guides = _copies_of_services(_active(test_guides)[0])
    _load(parts, guides, replace=True)
    lowest = sorted(min(g["code"] for g in guides if g["basic_code"] == service) for service in {g["basic_code"] for g in guides})
    word = _word(parts.analyzer.index_terms(guides[0]["name"])[0])
    pages = [parts.guides.search(EngineQuery([word], collapse="service", offset=offset, limit=5, facets=()))
             for offset in (0, 5, 10)]
    assert [hit.code for page in pages for hit in page.hits] == lowest
    assert all(page.total == 12 for page in pages)


def test_lexicon_changes_with_the_index(parts, test_guides):
    active = _active(test_guides)
    _load(parts, active[:1])
    before = parts.guides.lexicon()
    _load(parts, active)
    after = parts.guides.lexicon()
    assert after.version != before.version
    assert len(after.corpus) > len(before.corpus)
    assert after.directory["theme"]
    name_word = parts.analyzer.index_terms(active[1]["name"])[0]
    assert after.vocabulary[name_word] >= 1


@pytest.mark.skipif("elasticsearch" not in BACKENDS, reason="needs both engines")
def test_both_engines_give_the_same_ranking(request, tmp_path):
    """The same plan on both engines: scores within float noise, the same order."""
    from search.plan import SearchRequest

    with settings_on("elasticsearch", tmp_path / "es", request) as on_elasticsearch:
        engines = [build_components(Settings(data_dir=tmp_path / "embedded")), build_components(on_elasticsearch)]
        for parts in engines:
            load_guides([TEST_GUIDES], parts.guides, parts.analyzer, parts.settings.rejected_dir, progress=False)
        for q in ("身份证", "居民身份证挂失补领", "gjj", "结婚登记需要什么材料", "营业执照"):
            embedded, elastic = (p.search.search(SearchRequest(q)) for p in engines)
            assert [i["code"] for i in elastic["items"]] == [i["code"] for i in embedded["items"]], q
            assert [i["score"] for i in elastic["items"]] == pytest.approx([i["score"] for i in embedded["items"]], rel=1e-3)
            assert elastic["facets"] == embedded["facets"] and elastic["total"] == embedded["total"]


def test_drop_leaves_an_empty_engine_that_loads_again(parts, test_guides):
    active = _active(test_guides)
    _load(parts, active)
    parts.guides.drop()
    assert parts.guides.count() == 0 and parts.guides.get(active[0]["code"]) is None
    _load(parts, active[:2])
    assert parts.guides.count() == 2


def test_directory_facets_count_every_guide_passing_the_filters_and_on_the_branch(parts):
    guides = [g for g in read_jsonl(SAMPLE_GUIDES) if g.get("status") != "withdrawn"]
    _load(parts, guides)
    everywhere = parts.guides.directory_facets({}, ("audience", "region"), 200)
    assert sum(f.count for f in everywhere["region"]) == len(guides)
    xihu = Branch("浙江省杭州市西湖区", tuple(regions.lineage("浙江省杭州市西湖区")))
    on_branch = parts.guides.directory_facets({"audience": ["个人"]}, ("audience", "region"), 200, xihu)
    served = [g for g in guides if "个人" in g["audience"] and g.get("region") in ("浙江省", "浙江省杭州市", "浙江省杭州市西湖区")]
    assert {f.value: f.count for f in on_branch["audience"]}["个人"] == len(served)
    assert {f.value for f in on_branch["region"]} == {"浙江省", "浙江省杭州市", "浙江省杭州市西湖区"}  # never 上城区


# -- meanings: vectors beside the index (search.meaning), with hand-written 4-dimensional ones ---------

AXES = {"身份证": 0, "公积金": 1, "结婚": 2, "个体": 3}  # a guide's vector points along the axis its name names


class AxisVectors:
    """``search.meaning.MeaningVectors`` without a model: each text along the axis of the word it holds."""

    model = "axes:4"

    def of(self, texts: list[str]) -> np.ndarray:
        vectors = np.full((len(texts), len(AXES)), 0.05, dtype=np.float32)
        for row, text in enumerate(texts):
            for word, axis in AXES.items():
                if word in text:
                    vectors[row, axis] = 1.0
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def _along(word: str) -> np.ndarray:
    vector = np.full(len(AXES), 0.05, dtype=np.float32)
    vector[AXES[word]] = 1.0
    return vector / np.linalg.norm(vector)


def _load_with_meanings(parts, paths, replace=False):
    return load_guides(paths, parts.guides, parts.analyzer, parts.settings.rejected_dir, replace=replace,
                       progress=False, allow_shrink=True, vectors=AxisVectors())


def test_nearest_meanings_honour_the_filters_and_the_branch_of_the_lexical_search(parts):
    _load_with_meanings(parts, [TEST_GUIDES])
    engine = parts.guides
    assert engine.meanings_model() == "axes:4"
    services = {g.name: g.service for g in engine.all_guides()}
    nearest = engine.nearest(NearestQuery(_along("身份证"), k=3))
    assert nearest[0].service in (services["居民身份证换领"], services["居民身份证挂失补领"])
    assert nearest[0].similarity == pytest.approx(1.0, abs=0.02) and len(nearest) == 3
    # 武侯区's branch holds only its own copies: 挂失补领 there, never 西湖区's 换领
    wuhou = Branch("四川省成都市武侯区", tuple(regions.lineage("四川省成都市武侯区")))
    on_branch = {n.service for n in engine.nearest(NearestQuery(_along("身份证"), branch=wuhou, k=20))}
    assert services["居民身份证挂失补领"] in on_branch and services["居民身份证换领"] not in on_branch
    legal = {n.service for n in engine.nearest(NearestQuery(_along("个体"), filters={"audience": ["法人"]}, k=20))}
    assert legal == {services["有限责任公司设立登记"], services["食品经营许可（新办）"]}


def test_meanings_move_with_a_replace_and_a_load_without_them_leaves_none_behind(parts, tmp_path):
    _load_with_meanings(parts, [TEST_GUIDES])
    only = write_jsonl(tmp_path / "one.jsonl", [next(g for g in read_jsonl(TEST_GUIDES) if g["name"] == "生育登记")])
    _load_with_meanings(parts, [only], replace=True)
    [guide] = list(parts.guides.all_guides())
    assert [row.text for row in parts.guides.meanings().rows] == [meaning_text(guide)]
    load_guides([only], parts.guides, parts.analyzer, parts.settings.rejected_dir, replace=True, progress=False,
                allow_shrink=True)
    assert parts.guides.meanings_model() is None and parts.guides.nearest(NearestQuery(_along("结婚"))) == []


def test_a_plain_load_keeps_the_live_meanings_and_adds_its_own(parts, tmp_path):
    guides = _active(read_jsonl(TEST_GUIDES))
    _load_with_meanings(parts, [write_jsonl(tmp_path / "a.jsonl", guides[:3])])
    before = {row.key for row in parts.guides.meanings().rows}
    _load_with_meanings(parts, [write_jsonl(tmp_path / "b.jsonl", guides[3:])])
    after = parts.guides.meanings()
    assert before < {row.key for row in after.rows} and after.vectors.shape == (len(after.rows), len(AXES))


def test_a_plain_load_without_meanings_leaves_the_index_to_words_alone(parts, tmp_path):
    """Its guides have no meaning to stand for them: a nearest-neighbour list without them would
    judge their lexical matches unbacked."""
    guides = _active(read_jsonl(TEST_GUIDES))
    _load_with_meanings(parts, [write_jsonl(tmp_path / "a.jsonl", guides[:3])])
    load_guides([write_jsonl(tmp_path / "b.jsonl", guides[3:])], parts.guides, parts.analyzer,
                parts.settings.rejected_dir, progress=False)
    assert parts.guides.meanings_model() is None and parts.guides.count() == len(guides)


# -- retrieval by service: a search's cost follows services, not copies --------------------------

def _sample(parts):
    """The bundled sample: each service in several localities, under one basic code."""
    guides = [g for g in read_jsonl(SAMPLE_GUIDES) if g.get("status") != "withdrawn"]
    load_guides([SAMPLE_GUIDES], parts.guides, parts.analyzer, parts.settings.rejected_dir, progress=False)
    return guides


def _collapsed(parts, words, **query):
    return parts.guides.search(EngineQuery([_word(w) for w in words], collapse="service", **query))


def test_one_hit_a_service_its_serving_copy_and_services_counted(parts):
    guides = _sample(parts)
    copies = [g for g in guides if g["name"] == "内地居民结婚登记"]
    nationwide = _collapsed(parts, ["结婚"], facets=("region", "theme"))
    [marriage] = [hit for hit in nationwide.hits if hit.guide.name == "内地居民结婚登记"]
    assert marriage.code == min(g["code"] for g in copies) and marriage.copies == len(copies)  # the lowest code
    assert len({hit.guide.service for hit in nationwide.hits}) == len(nationwide.hits)
    assert {f.value: f.count for f in nationwide.facets["theme"]}["婚姻登记"] == 2  # 结婚 and 离婚: services, not copies
    wuhou = "四川省成都市武侯区"
    local = _collapsed(parts, ["结婚"], boosts=plan(None, wuhou).boosts)
    assert next(h for h in local.hits if h.guide.name == "内地居民结婚登记").guide.region == wuhou
    for branch in (None, Branch(wuhou, tuple(regions.lineage(wuhou)))):  # the services index, or copies on a branch
        counted = _collapsed(parts, ["结婚"], branch=branch, facets=("theme",))
        assert {f.value: f.count for f in counted.facets["theme"]}["婚姻登记"] == 2


def test_a_service_matches_by_any_copys_words_and_a_filter_picks_a_copy_that_passes(parts, tmp_path):
    guides = _sample(parts)
    copy = next(g for g in guides if g["name"] == "内地居民结婚登记" and g["region"] == "湖北省武汉市洪山区")
    changed = write_jsonl(tmp_path / "one.jsonl", [{**copy, "keywords": [*copy.get("keywords", []), "鸳鸯谱"]}])
    load_guides([changed], parts.guides, parts.analyzer, parts.settings.rejected_dir, progress=False)  # one copy's new word
    [found] = _collapsed(parts, parts.analyzer.index_terms("鸳鸯谱")).hits
    assert found.guide.name == "内地居民结婚登记"
    filtered = _collapsed(parts, ["结婚"], filters={"department": [copy["department"]]})
    assert [h.code for h in filtered.hits if h.guide.name == "内地居民结婚登记"] == [copy["code"]]


def test_withdrawing_copies_recounts_the_service_and_the_last_one_takes_it_out(parts, tmp_path):
    guides = _sample(parts)
    copies = sorted((g for g in guides if g["name"] == "内地居民结婚登记"), key=lambda g: g["code"])
    withdraw = write_jsonl(tmp_path / "w.jsonl", [{**copies[0], "status": "withdrawn"}])
    load_guides([withdraw], parts.guides, parts.analyzer, parts.settings.rejected_dir, progress=False)
    [hit] = [h for h in _collapsed(parts, ["结婚"]).hits if h.guide.name == "内地居民结婚登记"]
    assert (hit.code, hit.copies) == (copies[1]["code"], len(copies) - 1)
    every = write_jsonl(tmp_path / "all.jsonl", [{**g, "status": "withdrawn"} for g in copies[1:]])
    load_guides([every], parts.guides, parts.analyzer, parts.settings.rejected_dir, progress=False)
    assert all(h.guide.name != "内地居民结婚登记" for h in _collapsed(parts, ["结婚"]).hits)
