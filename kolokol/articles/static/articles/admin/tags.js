// Enter or a comma ends a tag even while suggestions are shown.
//
// Wagtail's tag field (jQuery tag-it) ignores Enter while its list of
// suggestions is open and nothing in it is highlighted: the word stays in
// the field, and the next one typed joins it ("выборы Бишкек" as one tag).
// Closing the list first, in the capture phase before tag-it's own handler,
// lets tag-it make the tag as typed. A highlighted suggestion (arrow keys)
// is left to the list, which makes that suggestion the tag.
document.addEventListener(
  "keydown",
  (event) => {
    if (event.key !== "Enter" && event.key !== ",") return;
    const input = event.target;
    const $ = window.jQuery;
    if (!$ || !(input instanceof HTMLInputElement) || !input.closest("ul.tagit")) return;
    const field = $(input);
    if (!field.data("autocomplete-open")) return;
    const list = field.autocomplete("instance");
    if (list && list.menu && list.menu.active) return;
    field.autocomplete("close");
  },
  true,
);
