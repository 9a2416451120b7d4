// Runs axe-core (injected before this script runs) against the whole document for the
// WCAG 2.1 A and AA rules, and hands back the violations, or {error} if axe itself failed.
const done = arguments[arguments.length - 1];
if (axe._tree) axe.teardown();
axe
  .run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    resultTypes: ['violations'],
  })
  .then((results) =>
    done({
      violations: results.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        helpUrl: violation.helpUrl,
        targets: violation.nodes.map((node) => node.target.join(' ')),
      })),
    }),
  )
  .catch((error) => done({ error: String(error && error.stack ? error.stack : error) }));
