"""Two printings of one figure bound by what names them, not by their values (`restatewords.py`, `by: phrase`;
`restateparallel.py`, `by: parallel`): a slip in one printing must leave the binding in place, so the check
flags it, and figures that differ on purpose (two things of one template, two payments) stay silent."""

from restated import bound, flagged

STUDY = ("Torrin Gold Files Study\n\nThe 2021 study outlined average annual gold production of 80,100 oz at a lower "
         "price.\n\nThe new study outlines a base case gold price of US$2,100/oz; average annual gold production of "
         "64,200 oz; and payable output of 512,700 oz over the life of mine.\n\nHighlights:\n\n- Base case gold price "
         "of US$2,100/oz\n- Average annual gold production of {figure} oz\n- Payable output of 512,700 oz")


def test_one_list_told_twice_binds_its_figures_by_place(engine):
    # (three zeros too many in a count printed whole are a misprint of its name already: bound so first)
    for figure, reason, by in (("46,200", "two digits look transposed", "parallel"),
                               ("64,900", "one digit looks mistyped", "parallel"),
                               ("64,200,000", "a thousand times too large", "misprint")):
        sheet = engine.analyze(STUDY.format(figure=figure), "x.txt")
        assert bound(sheet)[figure] == ("64,200", by)
        assert [m for m in flagged(sheet) if reason in m] and len(flagged(sheet)) == 1


def test_the_same_list_unchanged_binds_by_value_and_flags_nothing(engine):
    sheet = engine.analyze(STUDY.format(figure="64,200"), "x.txt")
    assert not [k for k, (_, by) in bound(sheet).items() if by in ("parallel", "phrase")] and not flagged(sheet)


def test_two_template_paragraphs_are_two_lists(engine):
    text = ("Wexford Property Update\n\nAt the Elm Street tower, the stabilized yield is expected to be 5.8%. As at "
            "December 31, 2024, there were 210 units leased, of which 198 units were occupied.\n\nAt the Birch Lane "
            "tower, the stabilized yield is expected to be 5.8%. As at December 31, 2024, there were 120 units "
            "leased, of which 91 units were occupied.")
    sheet = engine.analyze(text, "x.txt")
    assert "120" not in bound(sheet) and "210" not in bound(sheet) and not flagged(sheet)


def test_three_words_name_a_family_the_last_two_mix(engine):
    text = ("Torrin Gold Files Study\n\nThe study outlines LOM cash costs of US$812/oz and all-in sustaining cash "
            "costs of US$946/oz over 11 years.\n\nHighlights:\n\n- LOM cash costs of US$812/oz and all-in sustaining "
            "cash costs of {figure}/oz.")
    for figure, reason in (("US$964", "two digits look transposed"), ("US$946,000", "a thousand times too large")):
        sheet = engine.analyze(text.format(figure=figure), "x.txt")
        assert bound(sheet)[figure] == ("US$946", "phrase")
        assert [m for m in flagged(sheet) if reason in m]


def test_a_headline_names_its_figure_by_the_word_before_it(engine):
    text = ("Fenwick Reports Growth, With Total Assets Rising to $17.1M\n\nFenwick said revenue grew to $1.05 "
            "million. Fenwick total assets now stand at $71.1 million, up from $9.2 million.")
    sheet = engine.analyze(text, "x.txt")
    assert bound(sheet)["$71.1 million"] == ("$17.1M", "phrase")
    assert [m for m in flagged(sheet) if "two digits look transposed" in m]


def test_a_two_digit_payment_said_twice_by_one_phrase_is_no_slip(engine):
    text = ("Pellam Bancorp Declares Dividend\n\nThe board declared a quarterly cash dividend of $0.26 per share, "
            "payable March 14.\n\nLast year it paid a quarterly cash dividend of $0.62 per share before the split.")
    assert not flagged(engine.analyze(text, "x.txt"))

