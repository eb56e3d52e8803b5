"""Tables shown whole: pandas cuts long tables and long texts short on screen, which a learner reading a
course map or their progress should never meet."""

import html

import pandas as pd


class FullTable:
    """A DataFrame shown with every row and every character, in a notebook and as text, with a sentence before
    and after it; the DataFrame itself is `.table`."""

    def __init__(self, table: pd.DataFrame, before: str = "", after: str = ""):
        self.table, self.before, self.after = table, before, after

    def __repr__(self) -> str:
        return "\n\n".join(part for part in [self.before, self.table.to_string(index=False), self.after] if part)

    def _repr_html_(self) -> str:
        def paragraph(text: str) -> str:
            return f"<p>{html.escape(text)}</p>" if text else ""

        # Left-aligned, as text is read (JupyterLab right-aligns table cells, which suits numbers only).
        table = (self.table.style.set_uuid("rv").hide(axis="index").format(escape="html")
                 .set_properties(**{"text-align": "left"}))
        return paragraph(self.before) + table.to_html() + paragraph(self.after)
