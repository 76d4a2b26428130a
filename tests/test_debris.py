"""Machine-translation debris and wire furniture out, real sentences in (issue 13, item 3).

Every sample is written here for the project: a report scraped after machine translation,
with the remains of attribution tags glued onto its paragraphs, beside a clean report of the
same event from another outlet; wire copy with its transmission codes.
"""

import pytest

from summarize.clean import Cleaner
from summarize.clean.debris import ATTRIBUTION, FIRST_PERSON, STRAY_QUOTE, DebrisDetector, quote_moves
from summarize.errors import ConfigError
from summarize.io import DucDataset, make_cluster, make_document
from summarize.text.wire import furniture_reason, strip_furniture

# ------------------------------------------------------------------------------------ English

EN_DEBRIS = ["He said it was necessary.", "We are in the process of securing guarantees.”",
             "I’m entering my third year.", "No,” he said.", "I called out.", "Stated."]
EN_SHORT = ["Nobody was hurt.", "He denied it.", "The fire was contained.", "Police declined to comment.",
            "He said the warehouse had no sprinklers."]
EN_MT = [
    "Fire crews in Kelby fought a blaze at a riverside warehouse for six hours on Sunday, the fire service said.",
    "The mayor of Kelby visited the site on Monday and praised the firefighters. He said it was necessary.",
    "Residents near the warehouse were told to keep their windows closed because of the smoke. "
    "We are in the process of securing guarantees.” I’m entering my third year.",
    "The owner, Ardent Logistics, said the building passed a safety inspection in March. "
    "“We will cooperate fully with investigators.” No,” he said.",
    "Investigators have not yet said what caused the fire. I called out. Nobody was hurt.",
    "Crews kept water on the ruins overnight. The fire was contained.",
    "A former employee accused the site manager of ignoring fire warnings. He denied it.",
    "A safety inspector examined the building in March. He said the warehouse had no sprinklers.",
    "The council has opened an inquiry into the blaze. Police declined to comment. Stated. "
    "The inquiry will report within a month.",
]
EN_CLEAN = [
    "A fire destroyed a riverside warehouse in Kelby on Sunday.",
    "Firefighters battled the blaze for six hours before it was brought under control.",
    "Ardent Logistics, which owns the warehouse, said it would help investigators.",
    "People living nearby were advised to shut their windows because of the smoke.",
    "The mayor thanked the fire crews during a visit on Monday.",
]


def _cluster(*docs, language="english"):
    return make_cluster(id="c", language=language, documents=[
        make_document(id=f"d{i}", text="\n".join(lines), language=language, source=f"Outlet {i}")
        for i, lines in enumerate(docs)])


def _sentences(cluster):
    return [s.text for d in cluster.documents for s in d.sentences]


def _broken(*docs, language="english", **kw):
    clean, report = Cleaner(steps=["broken"], **kw).clean(_cluster(*docs, language=language))
    removed = [r.text for r in report.removals]
    return _sentences(clean), removed, report


def test_english_debris_is_removed_and_real_short_sentences_kept():
    kept, removed, report = _broken(EN_MT, EN_CLEAN)
    assert sorted(removed) == sorted(EN_DEBRIS)
    assert set(EN_SHORT) <= set(kept)
    reasons = {r.text: r.reason for r in report.removals}
    assert reasons["No,” he said."] == reasons["We are in the process of securing guarantees.”"] == STRAY_QUOTE
    assert reasons["I’m entering my third year."] == reasons["I called out."] == FIRST_PERSON
    assert reasons["He said it was necessary."] == ATTRIBUTION
    # the other outlet's report is untouched
    assert set(EN_CLEAN) <= set(kept)


def test_real_short_sentences_are_kept_in_a_clean_report():
    """Without signs of machine translation, a short first-person or attribution sentence is
    news ("She said yes." after a proposal): only the stray quotation goes."""
    report = ["The singer proposed to his girlfriend on stage in Kelby on Sunday. She said yes.",
              "He had planned the moment for months, his manager said. I couldn't breathe.",
              "The crowd cheered for several minutes. No,” he said."]
    kept, removed, _ = _broken(report, ["A singer proposed to his girlfriend during a concert in Kelby."])
    assert removed == ["No,” he said."]
    assert {"She said yes.", "I couldn't breathe."} <= set(kept)


def test_quotations_are_never_debris_and_stay_whole():
    report = ["Rescuers described the scene. “Panic. No help. No police,” one of them said.",
              "The warehouse manager spoke to reporters. “We did everything we could. I called out.”",
              "“I called out,” he said. Stated."]
    kept, removed, _ = _broken(report, EN_CLEAN)
    assert removed == ["Stated."]  # a one-word sentence that opens a quotation ("Panic.) stays
    assert "“Panic." in kept and "I called out.”" in kept


def test_one_word_pieces_of_real_sentences_stay():
    """A name the splitter cut off its sentence, and the speaker after a quotation, are not
    debris; a bare speech verb with nothing to attribute is."""
    report = ["The council thanked the volunteers on Monday. Okafor.",
              "“We will rebuild the warehouse within a year.” - “Fiona”",
              "The council will meet again next week. Stated."]
    other = ["Council leader Amara Okafor thanked the volunteers who fought the fire."]
    kept, removed, _ = _broken(report, other)
    assert removed == ["Stated."]
    assert {"Okafor.", "- “Fiona”"} <= set(kept)


def test_a_syndicated_copy_does_not_vouch_for_its_own_debris():
    """Two outlets that ran the same machine-translated copy: the debris each carries is not
    evidence of a tie to the event."""
    kept, removed, _ = _broken(EN_MT, EN_MT, EN_CLEAN)
    assert sorted(removed) == sorted(EN_DEBRIS * 2)


def test_a_report_alone_is_judged_against_its_own_text():
    kept, removed, _ = _broken(EN_MT)
    assert sorted(removed) == sorted(EN_DEBRIS)
    assert set(EN_SHORT) <= set(kept)


def test_debris_settings():
    # a stricter word limit leaves the longer debris in
    _, removed, _ = _broken(EN_MT, EN_CLEAN, debris_max_words=4)
    assert "We are in the process of securing guarantees.”" not in removed and "I called out." in removed
    # without the evidence requirement the shapes alone decide: "She said yes." goes too
    _, removed, _ = _broken(["The singer proposed on stage in Kelby on Sunday. She said yes."],
                            ["A singer proposed during a concert in Kelby."], debris_min_evidence=0)
    assert removed == ["She said yes."]
    with pytest.raises(ConfigError, match="debris_max_words"):
        Cleaner(debris_max_words=0)


# ------------------------------------------------------------------------------------ French

FR_DEBRIS = ["Il a déclaré que c'était nécessaire.", "Nous sommes en train d'obtenir des garanties. »",
             "J'entre dans ma troisième année.", "Non », a-t-il dit.", "Déclaré."]
FR_SHORT = ["Personne n'a été blessé.", "Il a démenti.", "L'incendie a été maîtrisé.",
            "La police n'a pas souhaité commenter."]
FR_MT = [
    "Les pompiers de Kelby ont combattu dimanche un incendie dans un entrepôt au bord du fleuve pendant six heures.",
    "Le maire de Kelby s'est rendu sur place lundi et a salué les pompiers. Il a déclaré que c'était nécessaire.",
    "Les riverains ont reçu la consigne de garder leurs fenêtres fermées à cause de la fumée. "
    "Nous sommes en train d'obtenir des garanties. » J'entre dans ma troisième année.",
    "Le propriétaire, Ardent Logistics, affirme que le bâtiment avait passé une inspection en mars. "
    "« Nous coopérerons pleinement avec les enquêteurs. » Non », a-t-il dit.",
    "Les enquêteurs n'ont pas encore établi la cause du sinistre. Personne n'a été blessé.",
    "Les équipes ont arrosé les décombres toute la nuit. L'incendie a été maîtrisé.",
    "Un ancien salarié accuse le directeur du site d'avoir ignoré des alertes. Il a démenti.",
    "Le conseil municipal a ouvert une enquête. La police n'a pas souhaité commenter. Déclaré. "
    "L'enquête rendra ses conclusions dans un mois.",
]
FR_CLEAN = ["Un incendie a détruit dimanche un entrepôt au bord du fleuve à Kelby.",
            "Les pompiers ont lutté six heures contre les flammes.",
            "La société Ardent Logistics, propriétaire de l'entrepôt, promet d'aider les enquêteurs.",
            "Le maire a remercié les pompiers lors de sa visite lundi."]


def test_french_debris_is_removed_and_real_short_sentences_kept():
    kept, removed, report = _broken(FR_MT, FR_CLEAN, language="french")
    assert sorted(removed) == sorted(FR_DEBRIS)
    assert set(FR_SHORT) <= set(kept)
    reasons = {r.text: r.reason for r in report.removals}
    assert reasons["Non », a-t-il dit."] == STRAY_QUOTE and reasons["J'entre dans ma troisième année."] == FIRST_PERSON


def test_french_quotation_tail_is_kept():
    """'», criait-il.' closes the quotation of the sentence before it: not a fragment to drop."""
    report = ["Le témoin a tout vu. « Sortez tous ! », criait-il. Les secours sont arrivés ensuite."]
    kept, removed, _ = _broken(report, FR_CLEAN, language="french")
    assert removed == [] and "», criait-il." in kept


# ------------------------------------------------------------------------------------ German

DE_DEBRIS = ["Er sagte, es sei notwendig.", "Wir sichern gerade Garantien.“", "Ich trete in mein drittes Jahr ein.",
             "Nein“, sagte er.", "Erklärt."]
DE_SHORT = ["Niemand wurde verletzt.", "Er bestritt das.", "Das Feuer wurde eingedämmt.",
            "Die Polizei lehnte eine Stellungnahme ab."]
DE_MT = [
    "Die Feuerwehr in Kelby kämpfte am Sonntag sechs Stunden lang gegen einen Brand in einem Lagerhaus am Fluss.",
    "Der Bürgermeister von Kelby besuchte die Brandstelle am Montag und lobte die Einsatzkräfte. "
    "Er sagte, es sei notwendig.",
    "Anwohner sollten wegen des Rauchs die Fenster geschlossen halten. Wir sichern gerade Garantien.“ "
    "Ich trete in mein drittes Jahr ein.",
    "Der Eigentümer, Ardent Logistics, erklärte, das Gebäude habe im März eine Prüfung bestanden. "
    "„Wir werden mit den Ermittlern zusammenarbeiten.“ Nein“, sagte er.",
    "Die Brandursache ist noch unklar. Niemand wurde verletzt.",
    "Die Löschtrupps kühlten die Trümmer die ganze Nacht. Das Feuer wurde eingedämmt.",
    "Ein früherer Mitarbeiter warf dem Standortleiter vor, Warnungen ignoriert zu haben. Er bestritt das.",
    "Der Stadtrat hat eine Untersuchung eingeleitet. Die Polizei lehnte eine Stellungnahme ab. Erklärt. "
    "Ein Bericht soll in einem Monat vorliegen.",
]
DE_CLEAN = ["Ein Feuer hat am Sonntag ein Lagerhaus am Fluss in Kelby zerstört.",
            "Die Feuerwehr brauchte sechs Stunden, um die Flammen zu löschen.",
            "Die Firma Ardent Logistics, der das Lagerhaus gehört, will den Ermittlern helfen.",
            "Der Bürgermeister dankte den Einsatzkräften bei einem Besuch am Montag."]


def test_german_debris_is_removed_and_real_short_sentences_kept():
    kept, removed, report = _broken(DE_MT, DE_CLEAN, language="german")
    # Punkt moves a German closing “ to the start of the next sentence ('Garantien.' + '“ Ich
    # trete...'): the detector counts the mark with the sentence it closes
    assert sorted(r.strip("“ ") for r in removed) == sorted(d.strip("“ ") for d in DE_DEBRIS)
    assert set(DE_SHORT) <= set(kept)
    assert not any(word in s for s in kept for word in ("Garantien", "drittes Jahr", "Nein", "notwendig"))
    stray = [r.text.strip("“ ") for r in report.removals if r.reason == STRAY_QUOTE]
    assert sorted(stray) == ["Nein“, sagte er.", "Wir sichern gerade Garantien."]


def test_german_quotation_marks_are_read_both_ways():
    moves = quote_moves(["„Ja“, sagte er.", "»Nein«, sagte sie.", "Gut.“"], "german")
    assert [(m.before, m.after, m.unopened) for m in moves] == [(0, 0, 0), (0, 0, 0), (0, 0, 1)]
    moves = quote_moves(["« Oui », dit-il.", "Non », a-t-il dit."], "french")
    assert [m.unopened for m in moves] == [0, 1]


# ------------------------------------------------------------------------- other languages


def test_sentences_ending_on_a_danda_or_an_arabic_question_mark_are_not_cut():
    hindi = ["बाढ़ से शहर में भारी नुकसान हुआ है। वे १३ दिनों तक बंदी थे ।"]
    kept, removed, _ = _broken(hindi, ["शहर में बाढ़ आई।"], language="hindi")
    assert removed == [] and "वे १३ दिनों तक बंदी थे ।" in kept
    arabic = ["اندلع حريق في مستودع كبير. أين تم الشعور به؟"]
    kept, removed, _ = _broken(arabic, ["حريق في مستودع."], language="arabic")
    assert removed == [] and "أين تم الشعور به؟" in kept


def test_a_sentence_ending_on_a_web_address_is_whole():
    kept, removed, _ = _broken(["Families set up a memorial page. The site is at flight592.com"], EN_CLEAN)
    assert removed == [] and "The site is at flight592.com" in kept


def test_detector_without_word_lists_still_finds_stray_quotations():
    detector = DebrisDetector("russian")
    found = detector.find([["Пожар уничтожил склад в городе.", "Мы получаем гарантии.»"]], frozenset())
    assert found == {(0, 1): STRAY_QUOTE}


# ---------------------------------------------------------------------------- wire furniture

FURNITURE = ["MORE", "(MORE)", "ENDS", "-0-", "___", "(vs/krt)", "(ht-sf-fd)", "(pvs/sv/ )",
             "Chile said, graf 3 pvs", "Turkey amassed troops, pick up 4th graf pvs",
             "Eds: UPDATES with four more deaths AP Photo By JOHN DOE Associated Press Writer",
             "EDITOR'S NOTE _ Jane Roe is The Associated Press chief of bureau for Kelby.",
             "(STORY CAN END HERE. OPTIONAL MATERIAL FOLLOWS.)", "NATIONAL FORECAST", "Focus: Stormy Weekend",
             "NYT-10-05-98 1735EDT", "BC-Kelby-Fire", "&UR; Associated Press Writer &QC;", "With AP Photos",
             "By JOHN DOE", "URGENT", "WINNIE MADIKIZELA-MANDELA", "P.W. BOTHA"]
NOT_FURNITURE = ["More than 400,000 people stood in the rain.", "NATO warned of more strikes.",
                 "The A.N.C. said it would appeal.", "Ends of the bridge were closed to traffic.",
                 "He said the graf was wrong.", "Steffi Graf won the 5th set.", "(Laughter)",
                 "Editors of the paper met on Monday.", "By Tuesday the water had risen.", "NO!",
                 "The U.S. and the U.N. agreed.", "הרעידה התרחשה ב-06.03 זמן מקומי (11.03 UTC).",
                 "“LONG LIVE THE KING!” the crowd shouted."]


@pytest.mark.parametrize("line", FURNITURE)
def test_wire_furniture_is_recognised(line):
    assert furniture_reason(line) is not None
    assert strip_furniture(line)[0] == ""


@pytest.mark.parametrize("line", NOT_FURNITURE)
def test_text_is_not_furniture(line):
    assert furniture_reason(line) is None
    assert strip_furniture(line) == (line, [])


def test_furniture_glued_to_a_paragraph_end_is_cut():
    real = "Only 18 million of the 38.5 million voters cast ballots."
    for tail in ["MORE", "(ms-aet)", "Moussa told, 5th graf", '"No member, 5th graf, 1st Ld-Writethru']:
        text, removed = strip_furniture(f"{real} {tail}")
        assert text == real and removed == [("wire furniture at paragraph end", tail)]
    # a paragraph that is all capitals but ends a sentence keeps its "MORE"-like words
    assert strip_furniture("Voters will decide MORE than one issue.")[0] == "Voters will decide MORE than one issue."


def test_cleaning_removes_wire_furniture_from_any_reader():
    wire = ["BC-Kelby-Fire", "Eds: UPDATES with toll", "KELBY (AP) _ " + EN_CLEAN[0], EN_CLEAN[1],
            EN_CLEAN[2] + " (jd/ms)", "___", "MORE"]
    cluster = make_cluster(id="c", documents=[make_document(id="w", text="\n\n".join(wire), language="english"),
                                              make_document(id="o", text="\n".join(EN_CLEAN), language="english")])
    clean, report = Cleaner(steps=["boilerplate"]).clean(cluster)
    assert _sentences(clean)[:3] == EN_CLEAN[:3]
    assert {r.reason for r in report.removals} >= {"slug line", "editor's note", "wire mark",
                                                    "wire furniture at paragraph end", "dateline"}


def test_duc_reader_drops_wire_furniture(tmp_path):
    body = "\n".join([
        "\t   Eds: UPDATES with four more deaths", "AP Photo By JOHN DOE Associated Press Writer",
        "\t   KELBY, Northland (AP) _ A fire destroyed a riverside warehouse", "in Kelby on Sunday.",
        "\t   Firefighters battled the blaze for six hours. Council members", "met on Monday. &UR; MORE",
        "\t   Kelby said, graf 3 pvs", "\t   ___ &QC;", "\t   NATIONAL FORECAST &QL;",
        "\t   The owner said it would help investigators. (jd-ms)", "\t   (vs/krt)",
    ])
    folder = tmp_path / "docs" / "d1t"
    folder.mkdir(parents=True)
    (folder / "APW1").write_text(f"<DOC>\n<DOCNO> APW1 </DOCNO>\n<TEXT>\n{body}\n</TEXT>\n</DOC>\n", encoding="utf-8")
    (cluster,) = list(DucDataset(tmp_path))
    assert _sentences(cluster) == ["A fire destroyed a riverside warehouse in Kelby on Sunday.",
                                   "Firefighters battled the blaze for six hours.", "Council members met on Monday.",
                                   "The owner said it would help investigators."]
