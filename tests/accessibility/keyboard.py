"""Helpers for keyboard-only tests: move focus with Tab and check that focus can be seen."""

FOCUS_STYLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const pick = (s) => ({
    outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
      ? `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` : 'none',
    shadow: s.boxShadow,
  });
  const focused = pick(getComputedStyle(el));
  // An unfocused twin, same classes and place, shows what the element looks like without focus.
  const twin = el.cloneNode(false);
  for (const attr of ['id', 'name', 'autofocus']) twin.removeAttribute(attr);
  el.after(twin);
  const plain = pick(getComputedStyle(twin));
  twin.remove();
  const box = el.getBoundingClientRect();
  return {
    element: `${el.tagName.toLowerCase()}#${el.id} `
      + (el.innerText || el.value || el.name || '').trim().slice(0, 40),
    focused, plain, seen: box.width > 0 && box.height > 0,
  };
}"""


def assert_focus_is_visible(page) -> str:
    info = page.evaluate(FOCUS_STYLE)
    assert info is not None, "focus left the page's controls"
    where = info["element"]
    assert info["seen"], f"the focused element {where} has no size"
    focused, plain = info["focused"], info["plain"]
    assert focused["outline"] != "none" or focused["shadow"] != "none", f"no focus ring on {where}"
    assert focused != plain, f"{where} looks the same focused and unfocused"
    return where


def focused_matches(page, selector: str) -> bool:
    return page.evaluate("s => document.activeElement?.matches(s) ?? false", selector)


def tab_to(page, selector: str, *, backwards: bool = False, limit: int = 80) -> list[str]:
    """Press Tab (or Shift+Tab) until `selector` has focus, checking every stop's focus ring."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        stops.append(assert_focus_is_visible(page))
        if focused_matches(page, selector):
            return stops
    raise AssertionError(f"{selector} never took focus; stops: {stops}")


def erase(page, count: int) -> None:
    for _ in range(count):
        page.keyboard.press("Backspace")


def press_enter_and_wait(page) -> None:
    """Enter on a link or a submit button, then wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press("Enter")
