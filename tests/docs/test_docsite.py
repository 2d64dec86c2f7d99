# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The collection docsite as a reader sees it: built by `make docs`, served on loopback, opened in a real
headless Chromium (Debian's chromium and chromium-driver, which `make setup` installs when missing).

The collection's index links every guide and every plugin page; each guide and the module page render
(a screenshot of each, not blank, under tests/output/docsite/); Sphinx's search page finds "listener";
and no internal link of the site is broken: every href and src of every page reached from the index
names a file the server has, and every #anchor an id of that page."""

import functools
import html.parser
import http.server
import io
import os
import re
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from PIL import Image
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

from ansible_collections.langchain.langsmith.tests.system.harness import BUILD, MODULES, ROOT, run
from ansible_collections.langchain.langsmith.tests.docs.pages import guide, guide_names, titles

pytestmark = pytest.mark.slow

CHROMIUM = '/usr/bin/chromium'
CHROMEDRIVER = '/usr/bin/chromedriver'
# Without the background-networking flags, Chromium's own connections (updates, sync, field trials) are
# refused on a closed network, and it waits for them.
CHROMIUM_FLAGS = ('--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
                  '--disable-sync', '--no-first-run')
WIDTH, HEIGHT = 1280, 900
COLLECTION = 'collections/langchain/langsmith/'
SCREENSHOTS = os.path.join(ROOT, 'tests', 'output', 'docsite')


def plugin_pages():
    """The page of every plugin and role of the collection, as antsibull-docs names it."""
    def names(folder):
        return sorted(name[:-3] for name in os.listdir(os.path.join(ROOT, 'plugins', folder)) if name.endswith('.py'))
    pages = ['%s_module.html' % name for name in MODULES]
    pages += ['%s_inventory.html' % name for name in names('inventory')] + ['%s_filter.html' % name for name in names('filter')]
    pages += ['%s_role.html' % name for name in sorted(os.listdir(os.path.join(ROOT, 'roles')))
              if os.path.exists(os.path.join(ROOT, 'roles', name, 'meta', 'argument_specs.yml'))]
    return [COLLECTION + page for page in pages]


def guide_pages():
    return {COLLECTION + 'docsite/%s.html' % name: name for name in guide_names()}


@pytest.fixture(scope='module')
def site():
    """`make docs`, and the site it built served on a free loopback port: its base URL."""
    run(['make', 'docs'], 'make-docs', timeout=1200)
    root = os.path.join(BUILD, 'docsite')
    assert os.path.exists(os.path.join(root, COLLECTION, 'index.html'))

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # pylint: disable=arguments-differ
            pass
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(Quiet, directory=root))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield 'http://127.0.0.1:%d/' % server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(30)


@pytest.fixture(scope='module')
def browser(tmp_path_factory):
    """Debian's Chromium, headless, with a profile of its own, through Debian's chromedriver."""
    for path in (CHROMIUM, CHROMEDRIVER):
        assert os.access(path, os.X_OK), '%s is missing: make setup installs chromium and chromium-driver' % path
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS + ('--user-data-dir=%s' % tmp_path_factory.mktemp('chromium-profile'),
                                  '--window-size=%d,%d' % (WIDTH, HEIGHT)):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def open_page(browser, url):
    browser.get(url)
    WebDriverWait(browser, 60).until(lambda driver: driver.execute_script('return document.readyState') == 'complete')


def test_the_collection_index_links_every_guide_and_plugin(site, browser):
    open_page(browser, site + COLLECTION + 'index.html')
    assert browser.title.startswith('Langchain.Langsmith')
    links = {urllib.parse.urldefrag(element.get_attribute('href'))[0]
             for element in browser.find_elements('css selector', 'a[href]')}
    expected = sorted(guide_pages()) + plugin_pages()
    assert len(plugin_pages()) >= 10
    missing = [page for page in expected if site + page not in links]
    assert not missing, 'the collection index does not link %s' % missing


def _title(name):
    """The title of a guide as the page shows it (the theme turns straight quotes into curly ones)."""
    return titles(guide(name))[0][1].replace('``', '')


def _straight(text):
    return text.translate({ord('\u201c'): '"', ord('\u201d'): '"', ord('\u2018'): "'", ord('\u2019'): "'"})


def _check_screenshot(png, name):
    """A screenshot of the whole window, of a page with text and colours on it (not a blank one)."""
    os.makedirs(SCREENSHOTS, exist_ok=True)
    with open(os.path.join(SCREENSHOTS, name + '.png'), 'wb') as handle:
        handle.write(png)
    assert png[:8] == b'\x89PNG\r\n\x1a\n', name
    image = Image.open(io.BytesIO(png)).convert('RGB')
    assert image.size == (WIDTH, image.size[1]) and image.size[1] >= HEIGHT * 2 // 3, (name, image.size)
    colours = image.getcolors(maxcolors=WIDTH * HEIGHT)
    background = max(colours)[0]
    covered = 1.0 - background / float(image.size[0] * image.size[1])
    assert len(colours) > 100 and covered > 0.05, '%s looks blank: %d colours, %.1f%% off the background' % (
        name, len(colours), 100 * covered)


@pytest.mark.parametrize('page', sorted(guide_pages()) + [COLLECTION + 'listener_module.html'], ids=os.path.basename)
def test_the_pages_render(site, browser, page):
    """The guide or module page loads with its stylesheets, pictures and title, and a screenshot shows it."""
    open_page(browser, site + page)
    state = browser.execute_script("""return {
        sheets: document.styleSheets.length,
        font: getComputedStyle(document.body).fontFamily,
        broken: Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src),
        images: document.images.length,
        h1: (document.querySelector('h1') || {}).innerText || '',
        prose: (() => {  // the text outside code, where RST markup that did not render would show
            const main = (document.querySelector('[role="main"]') || document.body).cloneNode(true);
            main.querySelectorAll('pre, code, .highlight').forEach(e => e.remove());
            return main.innerText; })(),
        text: document.body.innerText.length};""")
    assert state['sheets'] > 0 and 'times' not in state['font'].lower(), state  # the theme's, not the browser's own
    assert state['broken'] == [], 'pictures that did not load: %s' % state['broken']
    name = guide_pages().get(page)
    if name:
        assert _straight(state['h1'].rstrip('\uf0c1¶ ').strip()) == _title(name), state['h1']
    else:
        assert 'langchain.langsmith.listener' in state['h1'], state['h1']
    assert state['text'] > 1000
    leaks = re.findall(r'.{0,30}`.{0,30}', state['prose'])
    assert not leaks, 'markup shown as text: %s' % leaks
    if name == 'performance':
        assert state['images'] >= 2, 'the performance guide shows its picture'  # besides the theme's logo
    _check_screenshot(browser.get_screenshot_as_png(), os.path.basename(page)[:-len('.html')])


def test_search_finds_listener(site, browser):
    """Sphinx's search page (JavaScript over its index) finds the modules' pages and the guides."""
    open_page(browser, site + 'search.html?q=listener')
    WebDriverWait(browser, 60).until(lambda driver: 'Search finished' in driver.execute_script(
        "return (document.querySelector('#search-results .search-summary') || {}).innerText || ''"))
    found = {urllib.parse.urldefrag(element.get_attribute('href'))[0]
             for element in browser.find_elements('css selector', '#search-results ul.search li a')}
    assert site + COLLECTION + 'listener_module.html' in found, found
    assert site + COLLECTION + 'docsite/getting-started.html' in found, found
    summary = browser.find_element('css selector', '#search-results .search-summary').text
    assert int(re.search(r'found (\d+) pages', summary).group(1)) == len(found) >= 5


class _Page(html.parser.HTMLParser):
    """The ids (and <a name>) of an HTML page, and the URLs its elements refer to."""

    def __init__(self):
        super().__init__()
        self.ids, self.refs = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.ids.update(value for key, value in attrs.items() if key == 'id' or (key == 'name' and tag == 'a'))
        for key in ('href', 'src'):
            if attrs.get(key) and not (tag == 'link' and attrs.get('rel') in ('preconnect', 'dns-prefetch')):
                self.refs.append(attrs[key])


def test_no_internal_link_is_broken(site):
    """From the site's index, every page it reaches: each internal href or src names a file the server has,
    and each #anchor an id of its page."""
    pages, queue, broken, fetched = {}, [site + 'index.html'], [], {}

    def fetch(url):
        if url not in fetched:
            try:
                with urllib.request.urlopen(url, timeout=30) as answer:
                    fetched[url] = (answer.headers.get_content_type(), answer.read())
            except urllib.error.HTTPError as exc:
                fetched[url] = (None, exc.code)
        return fetched[url]

    references = []
    while queue:
        url = queue.pop()
        if url in pages:
            continue
        kind, body = fetch(url)
        assert kind == 'text/html', url
        page = _Page()
        page.feed(body.decode('utf-8'))
        pages[url] = page
        for ref in page.refs:
            target, anchor = urllib.parse.urldefrag(urllib.parse.urljoin(url, ref))
            if not target.startswith(site):
                assert re.match(r'^(https?|mailto):', target), '%s: %s' % (url, ref)
                continue
            if target.endswith('/'):
                target += 'index.html'
            references.append((url, ref, target, anchor))
            kind, dummy = fetch(target)
            if kind is None:
                broken.append('%s: %s (no such file)' % (url, ref))
            elif kind == 'text/html' and target not in pages:
                queue.append(target)
    for url, ref, target, anchor in references:
        if anchor and fetched[target][0] == 'text/html' and anchor not in pages[target].ids:
            broken.append('%s: %s (no such anchor)' % (url, ref))
    assert not broken, 'broken links:\n' + '\n'.join(sorted(set(broken)))
    reached = {url[len(site):] for url in pages}
    assert set(guide_pages()) | set(plugin_pages()) <= reached
    assert sum(1 for dummy, dummy, dummy, anchor in references if anchor) > 100
