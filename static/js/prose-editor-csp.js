// The admin's rich-text editor (django-prose-editor, built on Tiptap) under our strict CSP.
//
// Tiptap adds ProseMirror's base rules in an inline <style> element when an editor starts; the
// Content-Security-Policy allows no inline style, so the browser refuses it and reports a
// violation. This extension tells each editor not to; the admin loads the same rules from
// static/vendor/prosemirror/ (copied from the npm packages by `make assets`) instead.
import { Extension } from "django-prose-editor/editor"

export const NoInjectedStyles = Extension.create({
  name: "noInjectedStyles",
  onBeforeCreate() {
    this.editor.options.injectCSS = false
  },
})
