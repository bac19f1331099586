// The email update's live preview: as staff write (the rich-text editor reports each change as
// an "input" event on its textarea), the form is posted, after a short pause, to the preview
// view with the frame beside it as its target. The frame is sandboxed and its page allows
// inline styles only (subscriptions/admin.py, EMAIL_PREVIEW_CSP); nothing is saved.
const PAUSE_MS = 400

const button = document.querySelector("[data-update-preview]")
if (button && button.form) {
  const form = button.form
  let timer = null
  const refresh = () => {
    clearTimeout(timer)
    timer = setTimeout(() => form.requestSubmit(button), PAUSE_MS)
  }
  form.addEventListener("input", refresh)
  form.addEventListener("change", refresh)
  refresh() // a new update's frame starts empty; a saved one's shows what was saved
}
