from django.db.models import F, Q
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from modeltranslation.utils import build_localized_fieldname
from modeltranslation.utils import get_language as translated_language

from core import charts
from core.cache import reads_query_params
from core.templatetags.translated import is_untranslated, shown_language
from publishing.models import Publishable
from publishing.preview import PreviewDetailView, actions_answering, answering_action_counts

from .models import Finding, Indicator, Report, Sector

# The order a reader meets the assessment in: where things stand, what is gained, what is
# possible, what stands in the way, and the models and tools that help.
KIND_ORDER = [
    Finding.Kind.LANDSCAPE,
    Finding.Kind.BENEFIT,
    Finding.Kind.OPPORTUNITY,
    Finding.Kind.BARRIER,
    Finding.Kind.HUB_MODEL,
    Finding.Kind.POLICY_TOOL,
    Finding.Kind.FINANCE_TOOL,
]

KIND_HEADINGS = {
    Finding.Kind.LANDSCAPE: _("Portland's industrial landscape"),
    Finding.Kind.BENEFIT: _("Benefits of the transition"),
    Finding.Kind.OPPORTUNITY: _("Opportunities"),
    Finding.Kind.BARRIER: _("Barriers"),
    Finding.Kind.HUB_MODEL: _("Clean industry hub models"),
    Finding.Kind.POLICY_TOOL: _("Policy tools"),
    Finding.Kind.FINANCE_TOOL: _("Finance tools"),
}


def published_indicators():
    return Indicator.objects.published().select_related("source")


def shown_indicators():
    """Published indicators, with their finding: one of a draft finding would link to a page
    that 404s, so it waits too."""
    return (
        published_indicators()
        .select_related("finding")
        .filter(Q(finding__isnull=True) | Q(finding__status=Publishable.Status.PUBLISHED))
    )


# The figure the home page leads with: industry's share of Portland's jobs.
KEY_FIGURE = "share-of-portland-jobs-in-industry"


def front_page() -> dict:
    """The key figure on the home page (pages.front), with its source: none when staff have
    not published it, rather than a number from anywhere else."""
    return {"key_figure": shown_indicators().filter(slug=KEY_FIGURE).first()}


def in_page_language_order(*fields):
    """Order by translated `fields` as the page's language has them, untranslated (empty) ones
    last on every database: modeltranslation's `order_by("unit")` leaves where empty ones go
    to the database (last on PostgreSQL, first on SQLite)."""
    language = translated_language()  # the page's, if the models have columns for it
    return [F(build_localized_fieldname(field, language)).asc(nulls_last=True) for field in fields]


def indicator_charts(indicators):
    """One chart and table per unit: figures in different units cannot share a scale.

    Percentages run against 100 %, so even a lone figure reads as the share it is. The words
    are in the page's language; so are the units, when staff have translated them.
    """
    by_unit = {}
    for indicator in indicators:
        by_unit.setdefault(indicator.unit, []).append(indicator)
    groups = []
    for index, (unit, items) in enumerate(by_unit.items(), start=1):
        texts = [i.display_text for i in items]
        in_words = gettext("per cent") if unit == "%" else unit or gettext("numbers")
        # A unit staff have not translated yet is English inside a sentence of the page's.
        shown = shown_language(items[0], "unit") if unit and unit != "%" else get_language()
        unit_html = (
            format_html('<span lang="{}">{}</span>', shown, in_words)
            if shown != get_language()
            else in_words
        )
        description = "; ".join(f"{i.name}: {text}" for i, text in zip(items, texts, strict=True))
        description += "."
        if unit == "%":
            description += " " + gettext("Each bar is drawn against 100%.")
        groups.append(
            {
                "unit": in_words,
                "unit_html": unit_html,
                "indicators": items,
                "chart": charts.bar_chart(
                    chart_id=f"indicators-chart-{index}",
                    title=gettext("Key figures in %(unit)s") % {"unit": in_words},
                    description=description,
                    bars=[
                        charts.Bar(i.name, i.value, text)
                        for i, text in zip(items, texts, strict=True)
                    ],
                    maximum=100 if unit == "%" else None,
                ),
            }
        )
    return groups


# ?coverage=none: only the findings no published roadmap action answers yet.
UNANSWERED = "none"


@reads_query_params("sector", "coverage")
class AssessmentIndexView(TemplateView):
    """The findings, the key figures and the reports, of one sector or all. Below its heading
    the page is a cached fragment per sector and coverage filter, with the translation notice
    that looks at its rows (templates/assessment/index.html), the same for every visitor until
    the content changes: what it shows is passed lazily and read only when it is rebuilt."""

    template_name = "assessment/index.html"

    def get_context_data(self, **kwargs):
        # An unknown sector shows every finding, like no sector at all; likewise an unknown
        # coverage value.
        sector = None
        if slug := self.request.GET.get("sector"):
            sector = Sector.objects.published().filter(slug=slug).first()
        unanswered_only = self.request.GET.get("coverage") == UNANSWERED
        return super().get_context_data(
            breadcrumbs=True,
            sector=sector,
            unanswered_only=unanswered_only,
            assessment=SimpleLazyObject(lambda: self.listing(sector, unanswered_only)),
            **kwargs,
        )

    def listing(self, sector, unanswered_only) -> dict:
        findings = Finding.objects.published().select_related("sector")
        if sector is not None:
            findings = findings.filter(sector=sector)
        findings = self.with_coverage(findings, unanswered_only)
        by_kind = {kind: [] for kind in KIND_ORDER}
        for finding in findings:
            by_kind[finding.kind].append(finding)
        indicator_groups = indicator_charts(
            shown_indicators().order_by(*in_page_language_order("unit", "name"))
        )
        reports = list(Report.objects.published())
        # The page lists many rows: the translation notice shows if any falls back to English.
        listed = [
            *findings,
            *(i for group in indicator_groups for i in group["indicators"]),
            *reports,
        ]
        return {
            "sectors": Sector.objects.published(),
            "findings": findings,
            "coverage": self.coverage(findings, sector, unanswered_only),
            "groups": [
                {"kind": kind, "heading": KIND_HEADINGS[kind], "findings": findings}
                for kind, findings in by_kind.items()
                if findings
            ],
            "indicator_groups": indicator_groups,
            "reports": reports,
            "untranslated_item": next((o for o in listed if is_untranslated(o)), None),
        }

    @staticmethod
    def with_coverage(findings, unanswered_only) -> list:
        """`findings` (only those no action answers, if asked), each with `answering_actions`,
        how many roadmap actions answer it, and `coverage_html`, that in words, linked to the
        list on the finding's page: one more query, a count. This page lists every finding, so
        the words are made here, once per count, cheaper than template tags on every card;
        `url` saves the card a second reverse()."""
        counts = answering_action_counts(Finding)
        texts = {0: gettext("No roadmap action is linked to this finding yet.")}
        shown = []
        for finding in findings:
            count = finding.answering_actions = counts.get(finding.pk, 0)
            if unanswered_only and count:
                continue
            finding.url = finding.get_absolute_url()
            if count not in texts:
                texts[count] = ngettext(
                    "%(count)s roadmap action answers this finding",
                    "%(count)s roadmap actions answer this finding",
                    count,
                ) % {"count": charts.format_number(count)}
            finding.coverage_html = (
                format_html('<a href="{}#actions-heading">{}</a>', finding.url, texts[count])
                if count
                else texts[0]
            )
            shown.append(finding)
        return shown

    @staticmethod
    def coverage(findings, sector, unanswered_only):
        """How many of the findings shown the roadmap answers, and the filter's two addresses
        (keeping the sector)."""
        base = reverse("assessment:index")
        query = {"sector": sector.slug} if sector else {}
        return {
            "unanswered_only": unanswered_only,
            "total": len(findings),
            "unanswered": sum(1 for f in findings if not f.answering_actions),
            "all_url": f"{base}?{urlencode(query)}" if query else base,
            "unanswered_url": f"{base}?{urlencode({**query, 'coverage': UNANSWERED})}",
        }


class FindingDetailView(PreviewDetailView):
    """Staff also see a draft finding, as a preview; the public only published ones.

    One query for the finding's own row; the rest of the page is a cached fragment
    (templates/assessment/finding_detail.html), the same for every visitor until the content
    changes: its sector and image (through the foreign keys) and what it lists (lazy QuerySets)
    are read only when it is rebuilt."""

    context_object_name = "finding"
    queryset = Finding.objects.all()

    def get_context_data(self, **kwargs):
        finding = self.object
        return super().get_context_data(
            breadcrumbs=True,
            indicators=published_indicators().filter(finding=finding),
            actions=actions_answering(finding),
            reports=finding.reports.published(),
            sources=finding.sources.all(),
            **kwargs,
        )
