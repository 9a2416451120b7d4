// Every text of the page a person reads or hears: the rendered text nodes (screen-reader-only
// text included), the aria-label, placeholder, alt and title attributes of rendered elements
// (except a <time>'s title, which holds the UTC time), the options of every <select> and the
// document's title. `texts` are single pieces; `blocks` are the whole text of elements that
// mix text and markup, for sentences split across elements; `details` are the server's own
// explanations shown under an alert (`.problem-detail`). Whitespace is collapsed.
const normalize = (value) => (value || '').replace(/\s+/g, ' ').trim();
const rendered = (element) => element.getClientRects().length > 0
  && getComputedStyle(element).visibility !== 'hidden';
const describe = (element) => element.tagName.toLowerCase()
  + (typeof element.className === 'string' && element.className.trim()
    ? '.' + element.className.trim().split(/\s+/).join('.') : '');
const texts = [];
const blocks = [];
const add = (list, text, where) => {
  const value = normalize(text);
  if (value) list.push([value, where]);
};
add(texts, document.title, 'the document title');
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const parent = node.parentElement;
  if (!parent || parent.closest('script, style, template, noscript') || !rendered(parent)) continue;
  add(texts, node.data, `text in <${describe(parent)}>`);
}
for (const element of document.body.querySelectorAll('*')) {
  if (element.tagName === 'OPTION') {
    add(texts, element.text, `<option> of <${describe(element.parentElement)}>`);
    continue;
  }
  if (!rendered(element)) continue;
  for (const name of ['aria-label', 'placeholder', 'alt', 'title']) {
    if (name === 'title' && element.tagName === 'TIME') continue;
    if (element.hasAttribute(name)) add(texts, element.getAttribute(name), `${name} of <${describe(element)}>`);
  }
  const children = [...element.childNodes];
  const mixed = children.some((child) => child.nodeType === Node.TEXT_NODE && normalize(child.data))
    && children.some((child) => child.nodeType === Node.ELEMENT_NODE);
  if (mixed) add(blocks, element.textContent, `text of <${describe(element)}>`);
}
const details = [...document.querySelectorAll('.problem-detail')]
  .filter(rendered).map((element) => normalize(element.textContent));
return {texts, blocks, details};
