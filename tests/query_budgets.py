"""Query-budget pieces several page tests share.

Every public page's footer reads the Transparency and Participate menus and the policy pages
(govco/menus.py): up to three queries (hidden branches, menu items, policy pages) inside a
test's transaction, where nothing is kept in the cache; none once cached in production
(tests/govco/test_chrome.py).
"""

CHROME = 3
