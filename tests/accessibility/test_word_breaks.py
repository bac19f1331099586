"""No word split across lines in a table, a heading or a card, at 320, 768 and 1280 px.

A cell or heading that breaks "Value" into "Valu" and "e" is hard to read, and harder still
for someone who reads slowly or magnifies the screen. Where a table is too wide for the screen
it scrolls sideways in its own labelled region instead (WCAG 1.4.10 allows that for tables).

One page of each kind, crawled in each language in Debian's chromium; at each width one
evaluation measures every word with Range.getClientRects(): a word whose pieces sit on
different lines is split.
"""

import pytest

from tests.accessibility.test_axe import assert_one_of_each_kind, crawl, pages_links_miss

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [320, 768, 1280]

# Every word in a table cell, a heading or a card whose letters sit on more than one line,
# shown with a bar where the line breaks: "Valu|e".
SPLIT_WORDS = """() => {
  const where = 'th, td, h1, h2, h3, h4, h5, h6, .card';
  const hidden = '.visually-hidden, .visually-hidden-focusable:not(:focus-within)';
  // A word: letters, digits, marks and underscores ("source_title"), with the apostrophes and
  // separators that stay inside one ("don't", "1,500", "22.5"). A break after a hyphen or a
  // slash is a line break, not a split. Chinese and Japanese have no words for a line to keep
  // whole: a line may end between any two of their characters, so they are left out of words
  // (a Latin word or a number inside them is still one).
  const letter = String.raw`[[\\p{L}\\p{N}\\p{M}_]--[\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}]]`;
  const pattern = new RegExp(String.raw`${letter}+(?:['\\u2019.,]${letter}+)*`, 'gv');
  // Lao and Thai write no space between words either, but a line may only end between words:
  // the browser's own word segmenter (ICU's dictionary, the one its line breaker uses) finds them.
  const unspaced = /[\\p{sc=Lao}\\p{sc=Thai}]/v;
  const words = (text, lang) => {
    const found = [];
    for (const match of text.matchAll(pattern)) {
      if (!unspaced.test(match[0])) { found.push([match.index, match[0]]); continue; }
      for (const part of new Intl.Segmenter(lang, {granularity: 'word'}).segment(match[0]))
        if (part.isWordLike) found.push([match.index + part.index, part.segment]);
    }
    return found;
  };
  const range = document.createRange();
  const lineOf = (node, start, end) => {
    range.setStart(node, start);
    range.setEnd(node, end);
    return [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
  };
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode()); ) {
    const parent = node.parentElement;
    if (!parent || !parent.closest(where) || parent.closest(hidden)) continue;
    const lang = parent.closest('[lang]')?.lang || 'en';
    for (const [index, text] of words(node.data, lang)) {
      const match = Object.assign([text], {index});
      if (match[0].length < 2) continue;
      const rects = lineOf(node, match.index, match.index + match[0].length);
      const first = rects[0];
      if (!first || !rects.some((r) => Math.abs(r.top - first.top) > first.height / 2)) continue;
      // Mark each break: the letter whose line differs from the one before it.
      let shown = '', top = null;
      for (let i = 0; i < match[0].length; i++) {
        const [box] = lineOf(node, match.index + i, match.index + i + 1);
        if (box && top !== null && Math.abs(box.top - top) > box.height / 2) shown += '|';
        if (box) top = box.top;
        shown += match[0][i];
      }
      const block = parent.closest(where);
      found.push(`"${shown}" in <${block.tagName.toLowerCase()}`
        + `${block.className ? '.' + block.className.trim().split(/\\s+/).join('.') : ''}> `
        + `"${block.textContent.trim().replace(/\\s+/g, ' ').slice(0, 60)}"`);
    }
  }
  return found;
}"""


def split_words(page, width: int) -> list[str]:
    page.set_viewport_size({"width": width, "height": 800})
    return page.evaluate(SPLIT_WORDS)


# English and Spanish; Arabic (right to left), Chinese (no spaces: its own rule above) and
# Vietnamese (many diacritics, short syllables).
@pytest.mark.parametrize("language", ["en", "es", "ar", "zh-hans", "vi"])
def test_no_word_is_split_across_lines(
    live_server, browser, site_with_every_kind_of_page, language
):
    context = browser.new_context(viewport={"width": WIDTHS[-1], "height": 800})
    page = context.new_page()
    problems = []

    def check(path: str) -> None:
        for width in WIDTHS:
            problems.extend(f"{path} at {width} px: {s}" for s in split_words(page, width))

    try:
        pages = crawl(
            page,
            live_server.url,
            per_kind=1,
            language=language,
            also=pages_links_miss(language),
            visit=check,
        )
    finally:
        context.close()
    assert_one_of_each_kind(pages, language)
    assert problems == [], "\n".join(problems)


def test_the_check_sees_a_split_word(page):
    """The check above is only worth something if it catches a word broken across lines."""
    page.set_content(
        '<html lang="en"><body><main><table><tr>'
        '<td style="width: 3ch; overflow-wrap: anywhere">Value about 22%</td>'
        '<td style="width: 3ch">Value</td></tr></table>'
        '<h2 style="width: 3ch">Clean-industry roadmap</h2></main></body></html>'
    )
    found = split_words(page, 1280)
    assert any(s.startswith('"Val|ue" in <td>') for s in found), found
    assert any(s.startswith('"abo|ut" in <td>') for s in found), found
    assert len(found) == 2, found  # the unbreakable cell and the hyphen are not splits


def test_the_check_knows_scripts_without_spaces(page):
    """Chinese may break between any two characters: not a split. A Latin word inside it still
    may not, and neither may a Lao word (found by the browser's word segmenter)."""
    page.set_content(
        '<html lang="zh-hans"><body><main>'
        '<h2 style="width: 4em">清洁产业路线图行动</h2>'
        '<h2 style="width: 3ch; overflow-wrap: anywhere">路线Value</h2>'
        '<h2 lang="lo" style="width: 1.5em; overflow-wrap: anywhere">ພາສາລາວ</h2>'
        "</main></body></html>"
    )
    found = split_words(page, 1280)
    assert not any("清洁" in s.split(" in ")[0] for s in found), found
    assert any(s.startswith('"Va') and "|" in s.split(" in ")[0] for s in found), found
    assert any("ພາສາ" in s or "ລາວ" in s for s in found), found
