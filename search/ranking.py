"""Every ranking weight outside the field table (``search.schema``), in one place.

Both engines compile the same query plan with these numbers, so a change here moves both.
"""

# Field matches
FIELD_TIE_BREAKER = 0.2  # a term found in several fields counts a little more than in one

# Ways a query concept may match (search.query)
SYNONYM_WEIGHT = 0.9  # a synonym is almost as good as the word typed
SUB_WORD_WEIGHT = 0.35  # 身份证 inside 居民身份证: a fallback, a guide with the whole word first
SUB_WORD_WEIGHT_UNKNOWN_WHOLE = 0.8  # the parts are all there is when the whole word is in no guide
OPTIONAL_WEIGHT = 0.3  # a single character (领, 补) or unknown word only adds a little
DICTIONARY_WORD_WEIGHT = 20.0  # for typo correction, a dictionary word counts as if that many guide names used it

# Constant boosts that put whole classes of guides first
EXACT_NAME_BOOST = 1000.0  # 直达: a query naming an item exactly puts it before any other match
EXACT_KEYWORD_BOOST = 300.0  # … and one of an item's curated keywords exactly, next
DIRECTORY_NODE_BOOST = 200.0  # a query naming a theme or life event puts that node's guides first

# Variants and localities: small constants that order copies and variants of one service
ENTRY_STEP_BOOST = 24.0  # no step named: 食品经营许可（新办）before its 变更, 延续, 注销
PERSONAL_VARIANT_BOOST = 8.0  # no business named: 个人参保 before 单位参保登记
# Small on purpose: copies of one service score alike, so these pick the copy; they must not
# lift a weakly matching service of the locality over a strongly matching one.
LOCALITY_BOOST = 5.0  # a copy serving the person's locality before a copy of elsewhere …
LOCALITY_DEPTH_STEP = 0.5  # … the most local of those first (district, city, province, national) …
BELOW_LOCALITY_BOOST = 2.0  # … and a copy below it (a district of the city asked for) before one elsewhere

# Relaxation ladder (search.service)
NGRAM_SHARE = 0.6  # the last-resort fallback wants this share of the query's character pairs in a guide
MIN_NGRAMS = 2  # … and never fewer than this many: one shared pair (证明, 登记) is not a match

# Suggestions
SUGGEST_HEAD_BOOST = 4.0  # a name that starts with what was typed comes before one that contains it

# Fusion of the lexical and the semantic lists (search.fusion); measured on the tune half of
# tests/fixtures/eval_everyday and the other labelled sets (BENCHMARKS.md).
SEMANTIC_FLOOR = 0.60  # cosine similarity a service found by meaning alone must reach to be offered
RELAXED_FLOOR = 0.50  # … a relaxed lexical match, to stay: one shared word is weak evidence
STRICT_FLOOR = 0.55  # … one service of a strict lexical match whose deciding words no name or keyword has
STRICT_NAMED_FLOOR = 0.40  # … and of one whose deciding words are the catalogue's own words
FUSION_RANK_CONSTANT = 10.0  # reciprocal rank fusion: 1 / (constant + rank); small: the first ranks count most
LEXICAL_WEIGHT_STRICT = 1.0  # every word matched, but not by name: words and meaning count alike
LEXICAL_WEIGHT_RELAXED = 0.5  # only some words matched: meaning counts twice as much
SEMANTIC_WEIGHT = 1.0
FUSION_DEPTH = 30  # services each list offers the fusion
