// The visible items of the ARIA tree (role "tree") whose accessible name is arguments[0], in
// document order, the way assistive technology sees them: roles and names come from axe-core
// (injected before this script runs). Returns {trees: n} when there is not exactly one such tree,
// otherwise {items: [{element, row, name, level, expanded, selected, focused, tabindex}]}:
// `row` is what a mouse user clicks, the item itself, or for an item that nests its children
// (a `role="group"` inside it) its first child element that is not that group;
// `level` is `aria-level`, or counted from the nesting when the attribute is missing;
// `expanded` is `aria-expanded` ("true"/"false") or null; `tabindex` the attribute or null.
const treeName = arguments[0];
const normalize = (value) => (value || '').replace(/\s+/g, ' ').trim();
if (typeof axe === 'undefined') return { axeMissing: true };
const isVisible = (element) =>
  element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden';
if (axe._tree) axe.teardown();
axe.setup(document);
try {
  const roleOf = (element) => {
    const vNode = axe.utils.getNodeFromTree(element);
    return vNode ? axe.commons.aria.getRole(vNode) : null;
  };
  const nameOf = (element) => {
    const vNode = axe.utils.getNodeFromTree(element);
    return vNode ? normalize(axe.commons.text.accessibleTextVirtual(vNode)) : '';
  };
  const trees = [...document.querySelectorAll('body *')].filter(
    (element) => roleOf(element) === 'tree' && isVisible(element) && nameOf(element) === normalize(treeName),
  );
  if (trees.length !== 1) return { trees: trees.length };
  const [tree] = trees;
  const items = [];
  for (const element of tree.querySelectorAll('*')) {
    if (roleOf(element) !== 'treeitem' || !isVisible(element)) continue;
    let level = parseInt(element.getAttribute('aria-level'), 10);
    if (!(level > 0)) {
      level = 1;
      for (let up = element.parentElement; up && up !== tree; up = up.parentElement) {
        if (roleOf(up) === 'treeitem') level += 1;
      }
    }
    const nested = [...element.children].some((child) => roleOf(child) === 'group');
    const row = nested
      ? [...element.children].find((child) => roleOf(child) !== 'group' && isVisible(child)) || element
      : element;
    items.push({
      element,
      row,
      name: nameOf(element),
      level,
      expanded: element.getAttribute('aria-expanded'),
      selected: element.getAttribute('aria-selected') === 'true',
      focused: document.activeElement === element,
      tabindex: element.getAttribute('tabindex'),
    });
  }
  return { items };
} finally {
  axe.teardown();
}
