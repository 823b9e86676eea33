"""The course machinery: what every lesson shares, organised by idea.

- :mod:`kltools.course.style`: the palette and the look of every figure;
- :mod:`kltools.course.bars`, :mod:`~kltools.course.curves`, :mod:`~kltools.course.densities`,
  :mod:`~kltools.course.trees`: figure builders, by what they draw; each takes an ``ax`` and
  the data to draw, and computes no measure itself (their examples draw on a bare
  ``matplotlib.figure.Figure``, outside pyplot, so no figure is left open);
- :mod:`kltools.course.formatting`: how the course prints a number or a quantity;
- :mod:`kltools.course.widget`: the widget framework (:class:`~kltools.course.widget.LessonWidget`
  and its controls);
- :mod:`kltools.course.checker`: the answer checker behind every exercise.

These modules import matplotlib or ipywidgets; ``import kltools`` alone does not. They import
the library (``kltools.measures`` and its neighbours), never a lesson.
"""
