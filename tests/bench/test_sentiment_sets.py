"""The external sentiment sets' loaders and split, on small files written here (no real data)."""

from __future__ import annotations

from bench import sentiment_sets as S

SOURCE = S.Source("someone/somewhere", "0" * 40)


def _write(tmp_path, path: str, data: bytes):
    target = tmp_path / "someone+somewhere" / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def test_a_review_is_labelled_only_when_all_its_opinions_agree(tmp_path):
    _write(
        tmp_path,
        "r.xml",
        """<?xml version='1.0' encoding='UTF-8'?>
<Reviews><sentences>
  <sentence id="a"><text>Skvělé jídlo, milá obsluha.</text><Opinions>
    <Opinion target="jídlo" polarity="positive"/><Opinion target="obsluha" polarity="positive"/>
  </Opinions></sentence>
  <sentence id="b"><text>Jídlo dobré, obsluha hrozná.</text><Opinions>
    <Opinion target="jídlo" polarity="positive"/><Opinion target="obsluha" polarity="negative"/>
  </Opinions></sentence>
  <sentence id="c"><text>Byli jsme tam v pondělí.</text><Opinions>
    <Opinion target="NULL" polarity="neutral"/>
  </Opinions></sentence>
  <sentence id="d" OutOfScope="TRUE"><text>Mimo téma.</text></sentence>
  <sentence id="e"><text>Bez názoru.</text></sentence>
</sentences></Reviews>""".encode(),
    )

    texts, labels = S._absa_reviews(SOURCE, ("r.xml",), tmp_path)

    assert texts == ["Skvělé jídlo, milá obsluha.", "Byli jsme tam v pondělí."]
    assert labels == ["positive", "neutral"]


def test_pros_and_cons_without_a_root_element_are_read_with_targets_unwrapped(tmp_path):
    _write(
        tmp_path,
        "cons.xml",
        '<negative_summary id="1">Slabá <target>baterie</target>\n a hluk </negative_summary>\n'
        '<negative_summary id="2"> </negative_summary>\n'.encode(),
    )
    _write(
        tmp_path,
        "pros.xml",
        b'<?xml version="1.0"?>\n<reviews>\n  <positive_summary id="3">Funguje</positive_summary>'
        b"\n</reviews>\n",
    )
    load = S._pros_cons({"cons.xml": "negative", "pros.xml": "positive"})

    texts, labels = load(SOURCE, ("cons.xml", "pros.xml"), tmp_path)

    assert texts == ["Slabá baterie a hluk", "Funguje"]
    assert labels == ["negative", "positive"]


def test_a_utf16_csv_maps_its_labels_and_drops_others(tmp_path):
    _write(
        tmp_path,
        "s.csv",
        'Görüş,Durum\r\n"iyi, hızlı",Olumlu\r\nfena değil,Tarafsız\r\nberbat,Olumsuz\r\n,Olumlu\r\n'
        "x,Bilinmiyor\r\n".encode("utf-16"),
    )
    load = S._csv_column(
        "Görüş",
        "Durum",
        {"Olumsuz": "negative", "Tarafsız": "neutral", "Olumlu": "positive"},
        encoding="utf-16",
    )

    texts, labels = load(SOURCE, ("s.csv",), tmp_path)

    assert texts == ["iyi, hızlı", "fena değil", "berbat"]
    assert labels == ["positive", "neutral", "negative"]


def test_the_split_is_stable_disjoint_capped_and_keeps_copies_together():
    texts = [f"yorum {i}" for i in range(400)]
    labels = ["positive" if i % 2 else "negative" for i in range(400)]

    once = S.split(texts, labels, cap=0)
    again = S.split(list(reversed(texts)), list(reversed(labels)), cap=0)
    capped = S.split(texts, labels, cap=50)

    assert once == again
    tune, heldout = set(once["tune"][0]), set(once["heldout"][0])
    assert not tune & heldout and len(tune | heldout) == 400
    assert 120 < len(tune) < 280
    assert all(len(capped[p][0]) == 50 for p in S.PARTS)
    assert set(capped["tune"][0]) <= tune
    assert S.part_of("Yorum  3 ") == S.part_of("yorum 3")


def test_copies_are_kept_once_and_texts_with_two_labels_are_dropped():
    texts, labels, conflicting = S.deduplicate(
        ["iyi", " iyi ", "kötü", "KÖTÜ", "idare eder", "idare  eder"],
        ["positive", "positive", "negative", "negative", "neutral", "positive"],
    )

    assert (texts, labels, conflicting) == (["iyi", "kötü"], ["positive", "negative"], 1)


def test_every_registered_set_names_its_source_licence_and_labels():
    for name, labelled in S.EXTERNAL.items():
        assert labelled.name == name
        assert len(labelled.source.commit) == 40 and "/" in labelled.source.repo
        assert labelled.licence and labelled.labels and labelled.paths
        assert labelled.language in {"tr", "cs", "en"}
