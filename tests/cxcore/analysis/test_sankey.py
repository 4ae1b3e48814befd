"""The channel-hopping Sankey: the main touchpoints at each step, the rest as one "other"
node that says how many touchpoints and moves it hides (planted paths, tests/planted.py)."""

from __future__ import annotations

from cxcore.analysis import insights
from tests.planted import planted_paths


def test_the_sankey_keeps_the_main_touchpoints_and_groups_the_rest():
    links = insights.sankey_links(planted_paths(), per_step=3)
    flows = links.set_index(["source", "target"])["value"].to_dict()
    assert flows == {
        ("1 · ivr", "2 · social_media"): 30,
        ("1 · phone", "2 · email"): 20,
        ("1 · store", "2 · website"): 8,
        ("1 · _other", "2 · email"): 6,  # faq, chatbot, advert, delivery, billing, app
        ("2 · social_media", "3 · phone"): 30,
    }
    other = links[links["source"] == "1 · _other"].iloc[0]
    assert (other["source_hidden"], other["target_hidden"]) == (6, 0)
    assert links["value"].sum() == 94  # every move is still drawn, grouped or not
    sentence = insights.sankey_grouped_sentence(links, per_step=3)
    assert sentence.endswith("which hides 6 of the 94 moves.")
    figure = insights.sankey_figure(links, {"ivr": "IVR"}, "cs")
    labels = list(figure.data[0].node.label)
    assert "1. Ostatní (6 kontaktních bodů)" in labels and "1. IVR" in labels
    assert len(labels) == 8  # 4 nodes at step 1, 3 at step 2, 1 at step 3


def test_few_touchpoints_are_never_grouped():
    links = insights.sankey_links(planted_paths(), per_step=10)
    assert not links["source"].str.endswith("_other").any()
    assert (links[["source_hidden", "target_hidden"]] == 0).all().all()
    assert insights.sankey_grouped_sentence(links) == ""
    # Grouping a single touchpoint would hide nothing: it keeps its own node.
    alone = insights.sankey_links(planted_paths(), per_step=8)
    assert "1 · app" in set(alone["source"]) and "1 · _other" not in set(alone["source"])
