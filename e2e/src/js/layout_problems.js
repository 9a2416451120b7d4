// What breaks the page's layout at the current window size: the page scrolls sideways, a
// visible element reaches past the right edge (outside a box that scrolls sideways on
// purpose), a box that clips or ellipsizes hides some of its content, or a button or tab
// wraps onto more than four lines. Returns the offenders, each described for a person.
const root = document.documentElement;
const width = root.clientWidth;
const problems = [];
const describe = (element) => {
  const tag = element.tagName.toLowerCase();
  const classes = typeof element.className === 'string' && element.className.trim()
    ? '.' + element.className.trim().split(/\s+/).join('.') : '';
  const text = (element.innerText || element.textContent || '').replace(/\s+/g, ' ').trim();
  return `<${tag}${classes}> "${text.length > 60 ? text.slice(0, 60) + '…' : text}"`;
};
if (root.scrollWidth > width) {
  problems.push(`the page is ${root.scrollWidth} px wide, wider than its ${width} px window`);
}
const scrollsSideways = (element) => {
  for (let parent = element.parentElement; parent && parent !== document.body;
       parent = parent.parentElement) {
    const overflow = getComputedStyle(parent).overflowX;
    if (overflow === 'auto' || overflow === 'scroll') return true;
  }
  return false;
};
const deliberate = '.visually-hidden, .visually-hidden *, .tree-name';
// Of the elements past the edge, the outermost and those with text of their own: a row
// between a table and its cells adds nothing.
const past = new Set();
const ownText = (element) => [...element.childNodes]
  .some((child) => child.nodeType === Node.TEXT_NODE && child.data.trim());
for (const element of document.body.querySelectorAll('*')) {
  if (element.getClientRects().length === 0) continue;
  const style = getComputedStyle(element);
  if (style.visibility === 'hidden' || element.matches(deliberate)) continue;
  const rect = element.getBoundingClientRect();
  const right = rect.right + window.scrollX;
  if (rect.width > 0 && right > width + 1 && !scrollsSideways(element)) {
    past.add(element);
    if (!past.has(element.parentElement) || ownText(element)) {
      problems.push(`${describe(element)} reaches ${Math.round(right)} px, past the ${width} px edge`);
    }
  }
  const clips = style.overflowX === 'hidden' || style.overflowX === 'clip'
    || style.textOverflow === 'ellipsis';
  if (clips && element.scrollWidth > element.clientWidth + 1) {
    problems.push(`${describe(element)} hides ${element.scrollWidth - element.clientWidth} px `
      + `of its ${element.scrollWidth} px content`);
  }
  if (element.matches('button, [role="tab"], .section-tabs a')) {
    const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
    if (rect.height > line * 4.5 + 24) {
      problems.push(`${describe(element)} wraps onto more than four lines `
        + `(${Math.round(rect.height)} px high)`);
    }
  }
}
return {width, problems};
