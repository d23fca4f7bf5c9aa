"""Writes questions.sav, the SPSS fixture of the questions tests (run once; needs pyreadstat).

A wide export as a survey tool writes it: one row per respondent, three open questions (with
variable labels, which become the questions' labels), a value-labelled group variable and a
weight. Some answers are empty: those respondents did not answer that question."""
import pandas as pd
import pyreadstat

df = pd.DataFrame({
    "id": ["S1", "S2", "S3", "S4"],
    "geslacht": [1.0, 2.0, 1.0, 2.0],
    "gewicht": [0.5, 1.5, 1.0, 2.0],
    "q_effect": ["Ik ben voorzichtiger geworden.", "Ik slaap slecht.", "", "Ik mijd de markt."],
    "q_steun": ["Een training weerbaarheid zou helpen.", "", "", "Meer steun van de griffie."],
    "q_anders": ["", "", "Niets.", ""],
})
pyreadstat.write_sav(
    df, "questions.sav",
    column_labels={"id": "Respondentnummer", "geslacht": "Geslacht", "gewicht": "Weegfactor",
                   "q_effect": "Wat deed de agressie met u?", "q_steun": "Welke steun heeft u nodig?",
                   "q_anders": "Wilt u nog iets kwijt?"},
    variable_value_labels={"geslacht": {1.0: "man", 2.0: "vrouw"}},
)
