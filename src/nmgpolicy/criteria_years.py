"""Criteria over a window of years: "近三年…均…以上", a share in a year, a growth rate, "持续下降".

Regulations state many conditions over "the recent years" (近三年): a condition on *each* of
them (产值均在15亿元以上), a share or a per-capita density in the last of them, an average growth
over them (年均增速不低于5%), a series that must keep falling (持续下降). This module is the
vocabulary for those shapes, written once for every rule set:

* :class:`Window` and :class:`YearFrame` — which years a condition reads: the recent years
  counted back from the application (``application_year``) or ending with the latest year given
  (``latest_given``, the strict reading, under which a gap leaves the window unsettled), the
  trend years (the recent years, or with the year before them as the base), the missing years;
  built by :func:`year_frame`, read through a :func:`frame_measure` (which lists the facts and
  parameters it reads, so that the criteria on it reference them);
* :class:`OnYears` — the base of the kinds: no years → ``unknown``; under the strict reading a
  gap → ``unknown``, except that a *universal* condition a present year already fails is
  ``not_met`` whatever is missing;
* :class:`EachYear` (universal "均…以上"), :class:`ShareInYear` (a part of a whole in the last
  recent year, by cross-multiplication), :class:`DensityInYear` (a count per N people in the last
  recent year), :class:`GrowthRate` (compound or mean annual growth, compared exactly without
  roots), :class:`KeepsFalling` (universal "持续下降"), and :class:`AnyOf` ("A，或B": met if
  any part is met, the years checked once for all the parts); :class:`ShareOf` is the share of
  two facts of no particular year (研发人员占比).

Each kind decides its status at once on plain numbers (integers, cross-multiplication: a
``status`` function per shape, :func:`each_year_status`, :func:`falling_status`,
:func:`growth_status`, :func:`share_status`, :func:`any_of_status`, for the columnar path) and
leaves its explanation to a pure text function run when the finding is first read. An
:class:`AnyOf` judges its parts (status and text function) instead of deciding them, so that no
finding is made only to be quoted.

Ratios are *shown* rounded down to at least the threshold's own decimal places
(:func:`shown_ratio`), which never changes an at-least comparison: if x >= r and r has p
decimals, floor_p(x) >= r; if x < r, floor_p(x) <= x < r.

The vocabulary is split into modules small enough to read beside the articles; this module
re-exports every name of them (import from it):

* :mod:`nmgpolicy.criteria_years_frame` — the years (:class:`Window`, :class:`YearFrame`,
  :func:`frame_measure`), the texts every kind shares and the base kind :class:`OnYears`;
* :mod:`nmgpolicy.criteria_years_each` — the universal conditions (:class:`EachYear`,
  :class:`KeepsFalling`);
* :mod:`nmgpolicy.criteria_years_shares` — shares and densities (:class:`ShareInYear`,
  :class:`ShareOf`, :class:`DensityInYear`) and the exact ratios they are shown with;
* :mod:`nmgpolicy.criteria_years_growth` — growth over the trend years (:class:`GrowthRate`);
* :mod:`nmgpolicy.criteria_years_any` — "A，或B" (:class:`AnyOf`).
"""

from __future__ import annotations

from nmgpolicy.criteria_years_any import AnyOf, any_of_status
from nmgpolicy.criteria_years_any import _either_text as _either_text
from nmgpolicy.criteria_years_any import _judge as _judge
from nmgpolicy.criteria_years_any import _judge_threshold as _judge_threshold
from nmgpolicy.criteria_years_each import _FALLING as _FALLING
from nmgpolicy.criteria_years_each import EachYear, KeepsFalling, each_year_status, falling_status
from nmgpolicy.criteria_years_frame import (
    ANCHOR_APPLICATION_YEAR,
    ANCHOR_LATEST_GIVEN,
    FrameMeasure,
    OnYears,
    Window,
    YearFrame,
    frame_measure,
    year_frame,
)
from nmgpolicy.criteria_years_frame import Judged as Judged
from nmgpolicy.criteria_years_frame import Title as Title
from nmgpolicy.criteria_years_frame import _frame_reads as _frame_reads
from nmgpolicy.criteria_years_frame import _gate as _gate
from nmgpolicy.criteria_years_frame import _lacking_in as _lacking_in
from nmgpolicy.criteria_years_frame import _lacking_years as _lacking_years
from nmgpolicy.criteria_years_frame import inline as inline
from nmgpolicy.criteria_years_frame import lacking_text as lacking_text
from nmgpolicy.criteria_years_frame import missing_years_text as missing_years_text
from nmgpolicy.criteria_years_frame import no_years_text as no_years_text
from nmgpolicy.criteria_years_frame import span as span
from nmgpolicy.criteria_years_frame import years_en as years_en
from nmgpolicy.criteria_years_frame import years_zh as years_zh
from nmgpolicy.criteria_years_growth import (
    CAGR,
    MEAN,
    GrowthRate,
    exact_decimal,
    growth_status,
    mean_rate_at_least,
    money,
)
from nmgpolicy.criteria_years_growth import _annual_rate as _annual_rate
from nmgpolicy.criteria_years_growth import _floor as _floor
from nmgpolicy.criteria_years_growth import _integer_root as _integer_root
from nmgpolicy.criteria_years_growth import _required_factor as _required_factor
from nmgpolicy.criteria_years_growth import growth_detail as growth_detail
from nmgpolicy.criteria_years_shares import _PERCENT as _PERCENT
from nmgpolicy.criteria_years_shares import _PLAIN as _PLAIN
from nmgpolicy.criteria_years_shares import (
    DISPLAY_PLACES,
    DensityInYear,
    ShareInYear,
    ShareOf,
    floor_ratio,
    places,
    share_status,
    shown_ratio,
)
from nmgpolicy.criteria_years_shares import _ratio as _ratio
from nmgpolicy.criteria_years_shares import _share_text as _share_text
from nmgpolicy.criteria_years_shares import _titled as _titled
from nmgpolicy.criteria_years_shares import _undefined_share as _undefined_share

__all__ = [
    "ANCHOR_APPLICATION_YEAR",
    "ANCHOR_LATEST_GIVEN",
    "CAGR",
    "DISPLAY_PLACES",
    "MEAN",
    "AnyOf",
    "DensityInYear",
    "EachYear",
    "FrameMeasure",
    "GrowthRate",
    "KeepsFalling",
    "OnYears",
    "ShareInYear",
    "ShareOf",
    "Window",
    "YearFrame",
    "any_of_status",
    "each_year_status",
    "exact_decimal",
    "falling_status",
    "floor_ratio",
    "frame_measure",
    "growth_status",
    "mean_rate_at_least",
    "money",
    "places",
    "share_status",
    "shown_ratio",
    "year_frame",
]
