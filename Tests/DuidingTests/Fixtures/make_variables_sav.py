"""Writes variables.sav, the SPSS fixture of the variable tests (run once; needs pyreadstat).

Value labels whose SPSS order (by value) is not alphabetical: geslacht 1 = vrouw, 2 = man,
3 = anders, 9 = "zeg ik liever niet" (which no respondent chose); ernst's labels are written
out of order (3, 1, 2), so the reader must sort them by value. A weight column and a hand
coding, which coders should not see."""
import pandas as pd
import pyreadstat

df = pd.DataFrame({
    "id": ["V1", "V2", "V3", "V4", "V5"],
    "tekst": ["Ik ben voorzichtiger geworden.", "Ik slaap slecht.", "Geen effecten.",
              "Ik mijd de markt en ben voorzichtig.", "Ik ben angstig."],
    "geslacht": [2.0, 1.0, 3.0, 1.0, 2.0],
    "ernst": [3.0, 1.0, 2.0, 3.0, 1.0],
    "weegfactor": [0.5, 1.5, 1.0, 2.0, 1.0],
    "handcodering": ["caution", "psych_impact", "", "avoidance;caution", "psych_impact"],
})
pyreadstat.write_sav(
    df, "variables.sav",
    column_labels={"id": "Respondentnummer", "tekst": "Toelichting effecten", "geslacht": "Geslacht van de respondent",
                   "ernst": "Ernst van het voorval", "weegfactor": "Weegfactor", "handcodering": "Codering door een onderzoeker"},
    variable_value_labels={"geslacht": {1.0: "vrouw", 2.0: "man", 3.0: "anders", 9.0: "zeg ik liever niet"},
                           "ernst": {3.0: "zeer ernstig", 1.0: "niet ernstig", 2.0: "ernstig"}},
)
