"""Answer checks for the exercise notebooks: `q1.check()`, `q1.hint()`, `q1.solution()`.

A question is a small object (`Question`): the name of the learner's variable, its points, how to compare an
answer (an answer kind), the expected answer computed from the data (never a literal copied from the
solution), typical mistakes with the diagnosis written for each, and hints. The model answer itself lives in
`solutions/`, the one source of the exercises, and `solution()` reads it from there.

One module a job:

- `question`: `Question`, `Mistake`, the verdicts and how they are shown, the cell runs a check looks back on;
- `answers`: the answer kinds of pandas and plain Python (`NumberAnswer`, `TextAnswer`, `ListAnswer`,
  `TableAnswer`, `SeriesAnswer`);
- `charts`: `ChartAnswer` and the chart it expects (`ChartSpec`, `Channel`);
- `requirements`: what a chart must do beyond its encodings (`Subtitle`, `Draws`, `Order`, `Selection`, ...);
- `drawing`: what a chart draws, drawn as Vega draws it (vl-convert, in painter.py's process), read back;
- `vegalite`: reading a chart's Vega-Lite spec.

This package hands a question module its whole vocabulary in one import, `from russia_venezuela.checking
import *`, and an exercise's set-up cell the blank `____`.
"""

from russia_venezuela.checking.answers import ListAnswer, NumberAnswer, SeriesAnswer, TableAnswer, TextAnswer
from russia_venezuela.checking.charts import Channel, ChartAnswer, ChartSpec
from russia_venezuela.checking.question import Mistake, Question, ____, number_questions
from russia_venezuela.checking.requirements import (
    AfterClick,
    AxisLabels,
    AxisTitles,
    Description,
    Draws,
    Order,
    RuleAt,
    ScaleDomain,
    Selection,
    SideBySide,
    SortedBy,
    Subtitle,
    Title,
    Tooltip,
    WholeTicks,
    Without,
    Writes,
)

__all__ = [
    "AfterClick", "AxisLabels", "AxisTitles", "Channel", "ChartAnswer", "ChartSpec", "Description",
    "Draws", "ListAnswer", "Mistake", "number_questions", "NumberAnswer", "Order", "Question", "RuleAt",
    "ScaleDomain", "Selection", "SeriesAnswer", "SideBySide", "SortedBy", "Subtitle",
    "TableAnswer", "TextAnswer", "Title", "Tooltip", "WholeTicks", "Without", "Writes",
    "____",
]
