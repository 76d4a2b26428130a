import json
from datetime import datetime

import pytest

from summarize.errors import InputError
from summarize.io import (
    DucDataset,
    FolderDataset,
    JsonlDataset,
    MultiNewsDataset,
    TacMultilingDataset,
)

APW = """<DOC>
<DOCNO> APW19981017.0151 </DOCNO>
<DOCTYPE> NEWS STORY </DOCTYPE>
<DATE_TIME> 10/17/1998 05:50:00 </DATE_TIME>
<HEADER>
w2985 &Cx1f; wstm-
</HEADER>
<BODY>
<SLUG> BC-Britain-Pinochet </SLUG>
<TEXT>
\t   LONDON (AP) _ An influential lawmaker on Saturday backed Spanish
requests to question Gen. Augusto Pinochet.
\t   ``There have been 3,197 cases,'' Ann Clywd said in an
interview.
\t   (scl)
</TEXT>
</BODY>
</DOC>
"""

NYT = """<DOC>
<DOCNO> NYT19981018.0001 </DOCNO>
<DATE_TIME> 1998-10-18 16:00 </DATE_TIME>
<HEADLINE> Pinochet arrested in London </HEADLINE>
<TEXT>
<P>
   BUENOS AIRES, Argentina _ Gen. Augusto Pinochet has been arrested
in London, the British authorities announced Saturday.
</P>
<P>
   The Chilean government demanded his release.
</P>
</TEXT>
</DOC>
"""


@pytest.fixture
def duc_dir(tmp_path):
    docs = tmp_path / "docs" / "d30003t"
    docs.mkdir(parents=True)
    (docs / "APW19981017.0151").write_text(APW)
    (docs / "NYT19981018.0001").write_text(NYT)
    models = tmp_path / "models"
    models.mkdir()
    (models / "D30003.M.100.T.B").write_text("Pinochet was arrested in London .\nSpain asked for him .\n")
    (models / "D30003.M.100.T.C").write_text("Chile `` protested '' the arrest .\n")
    (models / "D300031.M.100.T.X").write_text("belongs to another cluster\n")
    return tmp_path


def test_duc_reader(duc_dir):
    (cluster,) = list(DucDataset(duc_dir))
    assert cluster.id == "d30003t"
    apw, nyt = cluster.documents
    assert apw.published == datetime(1998, 10, 17, 5, 50)
    assert apw.source == "Associated Press"
    # dateline removed, quotes normalised, wrapped lines joined, sign-off dropped
    assert [s.text for s in apw.sentences] == [
        "An influential lawmaker on Saturday backed Spanish requests to question Gen. Augusto Pinochet.",
        '"There have been 3,197 cases," Ann Clywd said in an interview.',
    ]
    assert nyt.title == "Pinochet arrested in London"
    assert nyt.published == datetime(1998, 10, 18, 16, 0)
    assert nyt.sentences[0].text.startswith("Gen. Augusto Pinochet has been arrested")
    # references stay as distributed, one line each, for ROUGE-1.5.5's word counts
    assert cluster.references == (
        "Pinochet was arrested in London .\nSpain asked for him .",
        "Chile `` protested '' the arrest .",
    )


def test_duc_reader_rejects_non_sgml(duc_dir):
    (duc_dir / "docs" / "d30003t" / "README").write_text("not a document")
    with pytest.raises(InputError, match="README: no <TEXT> element"):
        list(DucDataset(duc_dir))


@pytest.fixture
def tac_dir(tmp_path):
    src = tmp_path / "SourceTexts"
    src.mkdir()
    for d in range(2):
        (src / f"M000{d}.english").write_text(
            f"2005/01/0{d + 1} Tsunami aid {d}\n\nSaturday, January 8, 2005\n\nDonors gave money. It helped.\n")
        (src / f"M000{d}.french").write_text(f"08/01/2005 Dons {d}\n\nLes dons ont aidé. C'est bien.\n")
    (src / "M0010.Hebrew").write_text("2005/01/08 כותרת\n\nשלום עולם. מה שלומך?\n")
    refs = tmp_path / "Model Summaries" / "French"
    refs.mkdir(parents=True)
    (refs / "M000.A.250").write_text("Les dons ont aidé.")
    (refs / "M000.B.250").write_text("Des dons.")
    return tmp_path


def test_tac_reader_picks_language(tac_dir):
    (cluster,) = list(TacMultilingDataset(tac_dir, language="fr"))
    assert cluster.id == "M000" and cluster.language == "french"
    assert [d.id for d in cluster.documents] == ["M0000", "M0001"]
    assert cluster.documents[0].published == datetime(2005, 1, 8)
    assert cluster.documents[0].title == "Dons 0"
    assert len(cluster.references) == 2
    (english,) = list(TacMultilingDataset(tac_dir, language="english"))
    assert english.documents[1].published == datetime(2005, 1, 2)
    assert english.references == ()
    (hebrew,) = list(TacMultilingDataset(tac_dir, language="hebrew"))  # mixed-case suffix
    assert [s.text for s in hebrew.documents[0].sentences] == ["שלום עולם.", "מה שלומך?"]
    with pytest.raises(InputError, match="no documents in greek"):
        list(TacMultilingDataset(tac_dir, language="greek"))


def test_tac_reader_drops_the_wikinews_date_line(tac_dir):
    # the article's own dateline is not its lead sentence, in any script
    (english,) = list(TacMultilingDataset(tac_dir, language="english"))
    assert [s.text for s in english.documents[0].sentences] == ["Donors gave money.", "It helped."]
    src = tac_dir / "SourceTexts"
    (src / "M0020.hindi").write_text("2009/06/02 शीर्षक\n\nमंगलवार, जून २, २००९\n\nबैठक आज हुई। सब आए।\n")
    (src / "M0020.Hebrew").write_text("2005/05/19 כותרת\nיום חמישי, ה- 19 במאי, 2005\nהישיבה נפתחה. כולם באו.\n")
    (src / "M0020.arabic").write_text("005/01/08 عنوان\n\nالسبت 8 يناير 2005\n\nبدأ الاجتماع اليوم.\n")
    # a short first line with another year, or more words, is the article's
    (src / "M0021.arabic").write_text("2005/01/08 عنوان\n\nوقد اعتقل الخمسة في عام 2004\n\nبدأ الاجتماع.\n")
    hindi = {c.id: c for c in TacMultilingDataset(tac_dir, language="hindi")}["M002"]
    assert [s.text for s in hindi.documents[0].sentences] == ["बैठक आज हुई।", "सब आए।"]
    hebrew = {c.id: c for c in TacMultilingDataset(tac_dir, language="hebrew")}["M002"]
    assert hebrew.documents[0].sentences[0].text == "הישיבה נפתחה."
    arabic = {c.id: c for c in TacMultilingDataset(tac_dir, language="arabic")}["M002"]
    first, second = arabic.documents
    assert first.published == datetime(2005, 1, 8)  # "005/01/08": the year first, one digit lost
    assert [s.text for s in first.sentences] == ["بدأ الاجتماع اليوم."]
    assert second.sentences[0].text == "وقد اعتقل الخمسة في عام 2004"
    # a dateline run into the first sentence comes off it; a sentence that opens with a date stays whole
    (src / "M0030.english").write_text("Gender gap in deaths\n\nSaturday, March 26, 2005 Up to four times as many "
                                       "women died.\n")
    (src / "M0031.english").write_text("2005/03/26 Report\n\nOn March 26, 2005 the agency reported more deaths.\n")
    first, second = {c.id: c for c in TacMultilingDataset(tac_dir, language="english")}["M003"].documents
    assert first.sentences[0].text == "Up to four times as many women died."
    assert second.sentences[0].text == "On March 26, 2005 the agency reported more deaths."


def test_multinews_both_layouts(tmp_path):
    path = tmp_path / "mn.jsonl"
    lines = [
        {"id": "1", "documents": ["First doc. Two sentences.", "", "Second doc."], "summary": "– A summary."},
        {"document": "Doc a here. ||||| Doc b here.", "summary": "Sum."},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n")
    first, second = list(MultiNewsDataset(path))
    assert [d.id for d in first.documents] == ["1-0", "1-2"]  # the empty document is left out
    assert first.references == ("A summary.",)
    assert second.id == "2"
    assert [d.text for d in second.documents] == ["Doc a here.", "Doc b here."]


def test_own_jsonl(sample_path, tmp_path):
    clusters = list(JsonlDataset(sample_path))
    assert len(clusters) >= 3
    for c in clusters:
        assert len(c.documents) >= 3 and len(c.references) >= 2
        assert all(d.source and d.published for d in c.documents)
    path = tmp_path / "fr.jsonl"
    path.write_text(json.dumps({"id": "x", "language": "fr", "documents": [
        {"id": "a", "text": "Bonjour. Au revoir.", "published": "2024-02-26T10:00:00Z"}]}) + "\n")
    (c,) = list(JsonlDataset(path))
    assert c.language == "french" and c.documents[0].published.year == 2024


def test_jsonl_article_fields_and_trafilatura_names(tmp_path):
    """The project's names win; trafilatura's JSON names fill in (date, a URL in source,
    source-hostname / sitename / hostname as the outlet); a repeated headline line is dropped."""
    docs = [
        {"id": "own", "title": "Storm", "source": "Daily Planet", "url": "https://dp.example/a",
         "published": "2026-11-22", "date": "2020-01-01", "text": "Storm\nThe storm hit. Power was cut."},
        {"id": "traf", "title": "Storm", "source": "https://gg.example/b", "source-hostname": "Gotham Gazette",
         "hostname": "gg.example", "date": "2026-11-21T08:00:00", "text": "The storm hit. Roads closed."},
        {"id": "host", "hostname": "news.example", "text": "Storm\nThe storm hit hard."},
    ]
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "c", "documents": docs}) + "\n")
    own, traf, host = next(iter(JsonlDataset(path))).documents
    assert (own.source, own.url, own.published.day) == ("Daily Planet", "https://dp.example/a", 22)
    assert own.text.startswith("The storm hit.")  # first line equal to the title dropped
    assert (traf.source, traf.url, traf.published.day) == ("Gotham Gazette", "https://gg.example/b", 21)
    assert (host.source, host.url, host.published) == ("news.example", None, None)
    assert host.text.startswith("Storm")  # no title: nothing to compare with, nothing dropped


def test_readers_stream(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps({"id": "a", "documents": ["One. Two."]}) + "\n{broken\n")
    stream = iter(JsonlDataset(path))
    assert next(stream).id == "a"  # the first cluster arrives before the bad line is read
    with pytest.raises(InputError, match=r"s.jsonl:2: malformed JSON"):
        next(stream)


def test_folder_of_txt_and_html(tmp_path):
    (tmp_path / "a.txt").write_text("Plain report. It has two sentences.")
    (tmp_path / "b.html").write_text(
        "<html><head><title>Report B</title><script>alert('x')</script></head>"
        "<body><nav>Home | News</nav><article><h1>Report B</h1><p>The council met on Monday. "
        "It approved the budget after a long debate about schools and roads.</p>"
        "<p>The mayor welcomed the decision and said work would start soon.</p></article></body></html>")
    (tmp_path / "notes.csv").write_text("ignored")
    (tmp_path / "references").mkdir()
    (tmp_path / "references" / "r1.txt").write_text("The council approved the budget.")
    (cluster,) = list(FolderDataset(tmp_path, cluster_id="event"))
    assert cluster.id == "event" and [d.id for d in cluster.documents] == ["a", "b"]
    html_text = " ".join(s.text for s in cluster.documents[1].sentences)
    assert "The council met on Monday." in html_text and "alert" not in html_text
    assert cluster.documents[1].title == "Report B"
    assert not html_text.startswith("Report B")  # the headline is metadata, not a sentence
    assert cluster.references == ("The council approved the budget.",)


def _folder(root, files):
    folder = root / "in"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


@pytest.mark.parametrize(
    "files, message",
    [
        (None, "no such file or folder"),
        ({}, "no .txt or .html files"),
        ({"x.txt": b"\x00\x01\x02\x03"}, "looks like a binary file"),
        ({"x.txt": b"  \n\n ", "y.html": b"<html><script>x()</script></html>"},
         "has no document with any text"),
    ],
)
def test_folder_bad_input(tmp_path, files, message):
    path = tmp_path / "missing" if files is None else _folder(tmp_path, files)
    with pytest.raises(InputError, match=message):
        list(FolderDataset(path))


def test_jsonl_bad_input(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b'{"id": "x", "documents": ["caf\xe9 au lait."]}\n')
    with pytest.raises(InputError, match=r"bad.jsonl:1: not valid utf-8 .*0xe9"):
        list(JsonlDataset(bad, encoding="utf-8"))
    (c,) = list(JsonlDataset(bad))  # auto-detection reads the legacy encoding
    assert c.documents[0].text == "café au lait."
    for content, message in [
        ("[1, 2]\n", "expected a JSON object"),
        ('{"id": "x"}\n', "'documents' must be a non-empty list"),
        ('{"id": "x", "documents": [{"title": "t"}]}\n', "needs a string 'text'"),
        ('{"id": "x", "documents": ["a."], "references": [1]}\n', "'references' must be a string"),
        ('{"id": "x", "documents": [{"text": "a.", "published": "yesterday"}]}\n', "cannot read the date"),
        ('{"id": "x", "documents": [{"text": "a.", "date": "soon"}]}\n', "cannot read the date"),
        ('{"id": "x", "documents": [{"text": "a.", "sitename": 7}]}\n', "'sitename' must be a string"),
        ("\n\n", "no clusters found"),
    ]:
        bad.write_text(content)
        with pytest.raises(InputError, match=message):
            list(JsonlDataset(bad))


def test_gzipped_jsonl_reads_as_the_plain_file(tmp_path, sample_path):
    import gzip

    from summarize.errors import InputError
    from summarize.io import JsonlDataset

    packed = tmp_path / "sample.jsonl.gz"
    packed.write_bytes(gzip.compress(sample_path.read_bytes()))
    assert list(JsonlDataset(packed)) == list(JsonlDataset(sample_path))
    (tmp_path / "cut.jsonl.gz").write_bytes(packed.read_bytes()[:200])
    with pytest.raises(InputError, match="a damaged gzip file"):
        list(JsonlDataset(tmp_path / "cut.jsonl.gz"))
