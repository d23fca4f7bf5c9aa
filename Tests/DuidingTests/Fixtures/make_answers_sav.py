"""Writes answers.sav, the SPSS fixture of the import tests (run once; needs pyreadstat).

Three answers with a value-labelled variable (geslacht 1/2 = man/vrouw) and variable labels,
so the tests can check that value labels become the group names people see."""
import pandas as pd
import pyreadstat

df = pd.DataFrame({
    "id": ["S1", "S2", "S3"],
    "tekst": ["Ik ben voorzichtiger geworden met wat ik zeg.", "Geen effecten.", "Ik mijd bepaalde straten en slaap slecht."],
    "geslacht": [1.0, 2.0, 1.0],
    "gewicht": [0.8, 1.25, 1.0],
})
pyreadstat.write_sav(
    df, "answers.sav",
    column_labels={"id": "Respondentnummer", "tekst": "Toelichting effecten", "geslacht": "Geslacht van de respondent", "gewicht": "Weegfactor"},
    variable_value_labels={"geslacht": {1.0: "man", 2.0: "vrouw"}},
)
