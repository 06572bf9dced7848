"""Free-text search becomes a Lucene query that cannot fail to parse; what cannot be searched is refused."""

from __future__ import annotations

import pytest

from queries.catalog_filters import MAX_SEARCH_CHARACTERS, MAX_SEARCH_WORD, MAX_SEARCH_WORDS, lucene_query
from queries.errors import InvalidFilter


@pytest.mark.parametrize("operator", ["OR", "AND", "NOT", "TO"])
def test_operator_words_are_plain_words(operator: str) -> None:
    assert (
        lucene_query(f"smuggling {operator} trafficking")
        == f"smuggling AND {operator.lower()} AND trafficking*"
    )


def test_special_characters_are_escaped() -> None:
    assert lucene_query('a:b (c) "d" e~ f/') == 'a\\:b AND \\(c\\) AND \\"d\\" AND e\\~ AND f\\/*'


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("x" * (MAX_SEARCH_WORD + 1), f"at most {MAX_SEARCH_WORD} characters"),
        ("ab " * (MAX_SEARCH_WORDS + 1), f"at most {MAX_SEARCH_WORDS} words"),
        ("a" * (MAX_SEARCH_CHARACTERS + 1), f"at most {MAX_SEARCH_CHARACTERS} characters"),
    ],
)
def test_unsearchable_text_is_refused_with_a_sentence(text: str, says: str) -> None:
    with pytest.raises(InvalidFilter, match=says):
        lucene_query(text)
