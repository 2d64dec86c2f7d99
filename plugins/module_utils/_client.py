# -*- coding: utf-8 -*-
# Collection-private module_utils of langchain.langsmith: not a public API, may change without notice.
#
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The HTTP client of the LangSmith Deployment Control Plane API.

Layer 1 of the collection: authentication headers, TLS, timeouts, the retry
policy and pagination; every failure is one exception type (LangSmithError, of
``_errors.py``) that carries method, path, status and the API's own ``detail``.
The URLs are ``_urls.py``'s, the version in the User-Agent ``_version.py``'s. It
knows nothing about listeners; ``_listener.py`` does.

Every answer is hostile input: each attempt ends within its ``timeout`` in total
(connect, headers and body), a body is read in chunks up to MAX_BODY, JSON may nest
no deeper than MAX_DEPTH, and any text of the answer is scrubbed of the task's
credentials before it is cut short for a message.
"""

import email.utils
import random
import re
import socket
import threading
import time
from urllib.parse import urlencode, urlsplit

from ansible_collections.langchain.langsmith.plugins.module_utils._env import (
    ENV_API_KEY, ENV_BEARER_TOKEN, ENV_CA_PATH, ENV_WORKSPACE_ID)
from ansible_collections.langchain.langsmith.plugins.module_utils._errors import LangSmithError
from ansible_collections.langchain.langsmith.plugins.module_utils._urls import (
    DEFAULT_CONTROL_PLANE_URL, SELF_HOSTED_SUFFIX, check_base_url, is_control_plane_api, join_url, safe_url)
from ansible_collections.langchain.langsmith.plugins.module_utils._version import COLLECTION_VERSION

try:
    import requests
except ImportError as exc:
    REQUESTS_IMPORT_ERROR = exc
    HAS_REQUESTS = False
else:
    REQUESTS_IMPORT_ERROR = None
    HAS_REQUESTS = True

USER_AGENT = 'langchain.langsmith-ansible/%s' % COLLECTION_VERSION

# What messages call the credential a client sends (an API key, else a bearer token).
CREDENTIAL_NAMES = {True: 'API key', False: 'bearer token'}

DEFAULT_TIMEOUT = 30
DEFAULT_RETRIES = 5
DEFAULT_RETRY_TIMEOUT = 90
# A listing stops after this many pages (of 100 listeners): far more than any real workspace holds,
# and a bound on a control plane (or something posing as one) that never stops answering full pages.
DEFAULT_MAX_PAGES = 1000

# Statuses worth another attempt. Retrying every method is safe with this API:
# a repeated create ends in 409, which the listener logic resolves to the
# existing listener; PATCH sets values; DELETE treats 404 as done.
RETRY_STATUSES = frozenset((429, 500, 502, 503, 504))
# Of those, the ones where the server may have acted on the request before the
# answer went missing (429 and 503 say the request was turned away).
UNCERTAIN_STATUSES = frozenset((500, 502, 504))
BACKOFF_BASE = 0.5
BACKOFF_CAP = 15.0
RETRY_AFTER_CAP = 60.0
# A retry is not started with less than this many seconds left before the deadline.
MIN_ATTEMPT = 1.0
# The most of one answer's body that is read: 8 MiB. The largest answer of the API is a page of 100
# listeners; one whose every listener served 1,000 namespaces of the longest name Kubernetes allows
# (63 characters) would be about 6.6 MB, and a real page (a few namespaces each) is tens of KB. What
# is larger is not the API's answer, and is not held in memory.
MAX_BODY = 8 * 1024 * 1024
# The body is read this much at a time, so that the deadline and MAX_BODY are checked as it arrives.
CHUNK_SIZE = 64 * 1024
# The deepest nesting of JSON that an answer may have. The API's deepest is 5 (a page, its resources,
# a listener, its compute_config, its k8s_namespaces); what nests deeper is not read, so that nothing
# recurses through it (Python's own JSON decoder fails at about 1,000 levels).
MAX_DEPTH = 32
# How much of a body that is not JSON (an HTML error page), or of an exception's text, a message
# quotes, and of the API's ``detail``: after the credentials are masked.
MAX_QUOTED_TEXT = 200
MAX_QUOTED_DETAIL = 1000

REASONS = {
    301: 'Moved Permanently', 302: 'Found', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
    400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
    422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error',
    502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
}


class ApiResponse:
    """A decoded answer. ``uncertain`` is true when an earlier attempt of the same
    request may have been carried out by the server although its answer was lost."""

    __slots__ = ('status', 'data', 'uncertain', 'first_sent')

    def __init__(self, status, data, uncertain=False, first_sent=None):
        self.status = status
        self.data = data
        self.uncertain = uncertain
        self.first_sent = first_sent


def proxy_for(url):
    """The proxy (scheme://host:port, without any user name or password) that requests sends a
    request for ``url`` through, as it reads the environment (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY,
    NO_PROXY and their lower-case forms); None for a direct connection."""
    proxy = requests.utils.select_proxy(url, requests.utils.get_environ_proxies(url))
    if not proxy:
        return None
    return safe_url(urlsplit(proxy if '://' in proxy else 'http://' + proxy))


def parse_retry_after(value, now=None):
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return seconds if seconds > 0 else 0.0  # also for NaN
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


def format_detail(data, text, scrub=None):
    """The API's own words: ``detail`` as a string, or each 422 field error as ``loc: msg``; else the
    body's text. Whatever its type. Scrubbed by ``scrub`` (the task's Scrubber) before it is cut
    short, so that a credential the answer quotes is masked whole, not printed up to the cut."""
    if isinstance(data, dict) and 'detail' in data:
        detail = data['detail']
        if isinstance(detail, list):
            items = []
            for item in detail:
                if isinstance(item, dict):
                    loc = item.get('loc')
                    loc = '.'.join(str(part) for part in loc) if isinstance(loc, list) else str(loc or '')
                    items.append('%s: %s' % (loc or '(request)', item.get('msg', item)))
                else:
                    items.append(str(item))
            detail = '; '.join(items)
        return cut_short(detail if isinstance(detail, str) else str(detail), MAX_QUOTED_DETAIL, scrub)
    return cut_short((text or '').strip(), MAX_QUOTED_TEXT, scrub)


def cut_short(text, limit, scrub=None):
    """``text``, scrubbed first, then cut to ``limit`` characters (and ``...``)."""
    if scrub is not None:
        text = scrub(text)
    return text if len(text) <= limit else text[:limit] + '...'


def too_deep(data, limit=MAX_DEPTH):
    """True if the decoded JSON ``data`` nests deeper than ``limit`` (counted without recursion)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def _content_type(resp):
    return (resp.headers.get('Content-Type') or '').split(';')[0].strip().lower()


class _HeaderAuth(requests.auth.AuthBase if HAS_REQUESTS else object):
    """Sets the credential headers on every request.

    As the session's ``auth``, it also keeps requests from reading ``~/.netrc``: with
    ``trust_env`` (needed for the proxy variables) requests replaces the Authorization header
    with a netrc entry for the host, or adds one, whenever no ``auth`` is set.
    """

    def __init__(self, headers):
        self.headers = headers

    def __call__(self, request):
        request.headers.update(self.headers)
        return request


class Client:
    """One keep-alive session to one control plane, with the retry policy.

    ``warn`` receives one message per retry; ``sleep`` and ``clock`` exist for tests.
    """

    def __init__(self, base_url=DEFAULT_CONTROL_PLANE_URL, api_key=None, bearer_token=None, workspace_id=None,
                 validate_certs=True, ca_path=None, timeout=DEFAULT_TIMEOUT, retries=DEFAULT_RETRIES,
                 retry_timeout=DEFAULT_RETRY_TIMEOUT, max_pages=DEFAULT_MAX_PAGES, warn=None, sleep=time.sleep,
                 clock=time.monotonic, scrub=None):
        self.base_url = check_base_url(base_url)
        # The task's Scrubber: applied to the text of an answer or an exception before it is cut short.
        self.scrub = scrub or (lambda text: text)
        # 'METHOD path' of the request sent last, for a message about something that went wrong after it.
        self.last_request = None
        self.workspace_id = workspace_id
        self.timeout = timeout
        self.retries = retries
        self.retry_timeout = retry_timeout
        self.max_pages = max_pages
        self.warn = warn or (lambda msg: None)
        self.sleep = sleep
        self.clock = clock
        self.session = requests.Session()
        # identity: an answer is read as it arrives up to MAX_BODY, and a compressed one could expand
        # far beyond that in memory before it is counted.
        self.session.headers.update({'Accept': 'application/json', 'Accept-Encoding': 'identity', 'User-Agent': USER_AGENT})
        credentials = {}
        if api_key:
            credentials['X-Api-Key'] = api_key
        if bearer_token:
            credentials['Authorization'] = 'Bearer %s' % bearer_token
        if workspace_id:
            credentials['X-Tenant-Id'] = workspace_id
        self.session.auth = _HeaderAuth(credentials)
        self.credential = CREDENTIAL_NAMES[bool(api_key)]
        # Passed with every request: requests lets REQUESTS_CA_BUNDLE and CURL_CA_BUNDLE override
        # the session's own setting, which would drop ca_path and validate_certs: false.
        self.verify = True
        if not validate_certs:
            self.verify = False
            try:
                import urllib3  # pylint: disable=import-outside-toplevel
                urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
            except (ImportError, AttributeError):  # pragma: no cover
                pass
        elif ca_path:
            self.verify = ca_path
        self.session.verify = self.verify
        self.validate_certs = validate_certs
        self.ca_path = ca_path
        self.requests_sent = 0
        self.deadline = None  # set by the first request: the end of this client's retry_timeout

    def close(self):
        self.session.close()

    def workspace(self):
        """The workspace this client works in, for messages: 'workspace <ID>', or the credential's own."""
        if self.workspace_id:
            return 'workspace %s' % self.workspace_id
        return 'the workspace of the %s, workspace_id unset' % self.credential

    def allow_concurrency(self, requests_at_once):
        """Let ``requests_at_once`` requests (from as many threads) share this client's keep-alive
        connections: the connection pool keeps that many open instead of requests' default 10."""
        for adapter in self.session.adapters.values():
            if isinstance(adapter, requests.adapters.HTTPAdapter) and requests_at_once > adapter._pool_maxsize:  # pylint: disable=protected-access
                adapter.init_poolmanager(adapter._pool_connections, requests_at_once, block=adapter._pool_block)  # pylint: disable=protected-access

    # -- one request, with retries ------------------------------------------------------------

    def request(self, method, path, params=None, body=None, expect=(200,)):
        """Send ``method path`` and return an ApiResponse whose status is in ``expect``.

        Anything else raises LangSmithError, after the retry policy has run its course.
        ``retries`` bounds the retries of this request; ``retry_timeout`` bounds the time
        all requests of this client (one task) may spend retrying, from its first request.
        """
        self.last_request = '%s %s' % (method, path)
        try:
            return self._request(method, path, params, body, expect)
        except LangSmithError:
            raise
        except Exception as exc:  # pylint: disable=broad-except
            # An answer of a shape nothing here foresaw: a message naming the request, never a raw traceback.
            raise self.unreadable(method, path, exc)

    def unreadable(self, method, path, exc, status=None):
        """The LangSmithError for an exception ``exc`` that reading the answer (of ``status``) to ``method path`` raised."""
        return LangSmithError('Request %s %s: its answer could not be read (%s: %s)'
                              % (method, path, type(exc).__name__, _short(exc, self.scrub)), method=method, path=path,
                              status=status)

    def _request(self, method, path, params, body, expect):
        url = join_url(self.base_url, path)
        if params:
            url = '%s?%s' % (url, urlencode(params))
        start = self.clock()
        if self.deadline is None:
            self.deadline = start + self.retry_timeout
        first_sent = time.time()
        uncertain = False
        attempt = 0
        while True:
            attempt += 1
            # The first attempt always gets the whole timeout; a retry never runs past the deadline.
            timeout = self.timeout if attempt == 1 else max(0.001, min(self.timeout, self.deadline - self.clock()))
            failure, resp = self._attempt(method, path, url, body, timeout)
            if resp is not None and resp.status_code not in RETRY_STATUSES:
                if resp.status_code in expect:
                    return ApiResponse(resp.status_code, self._decode(method, path, resp), uncertain, first_sent)
                raise self._http_error(method, path, url, resp)
            retry_after = None
            if resp is not None:
                uncertain = uncertain or resp.status_code in UNCERTAIN_STATUSES
                reason = '%s %s' % (resp.status_code, resp.reason or REASONS.get(resp.status_code, ''))
                retry_after = parse_retry_after(resp.headers.get('Retry-After'))
            else:
                uncertain = uncertain or failure.uncertain
                reason = failure.reason
            wait = self._backoff(attempt, retry_after)
            stop = self._stop_reason(attempt, wait, retry_after)
            if stop:
                raise self._give_up(method, path, url, resp, failure, attempt, self.clock() - start, stop)
            self.warn('%s %s: %s; retrying in %.1f s%s (retry %d of %d)'
                      % (method, path, reason.strip(), wait, _retry_after_note(retry_after, wait), attempt, self.retries))
            self.sleep(wait)

    def _attempt(self, method, path, url, body, timeout):
        """One HTTP exchange, all of it (connect, headers, body) within ``timeout`` seconds:
        (None, response) or (_Failure, None).

        ``timeout`` in requests bounds the connect and each wait for data, not their sum: a server
        that trickles its answer would hold the task for as long as it likes. So the exchange runs
        in a thread of its own, which this one waits for ``timeout`` seconds at most; an exchange
        still running then is abandoned (its socket shut when it has one).
        """
        self.requests_sent += 1
        exchange = _Exchange(self.session, method, url, body, timeout, self.verify)
        worker = threading.Thread(target=exchange.run, name='langsmith-request', daemon=True)
        worker.start()
        worker.join(timeout)
        if worker.is_alive():
            exchange.abandon()
            if exchange.response is None:
                return _Failure('no answer from %s within %s s' % (url, _secs(timeout)), True, 'read-timeout', timeout), None
            return _Failure('the answer from %s did not arrive in full within %s s (timeout)' % (url, _secs(timeout)),
                            True, 'slow-answer', timeout), None
        try:
            if exchange.error is not None:
                raise exchange.error
            return None, exchange.response
        except _TooLarge:
            raise LangSmithError('Request %s %s answered more than %d MiB, the most that is read of one answer: not read '
                                 'further, not retried' % (method, path, MAX_BODY // (1024 * 1024)), method=method, path=path,
                                 url=url)
        except _Encoded as exc:
            raise LangSmithError('Request %s %s answered with Content-Encoding %s although only identity was accepted: '
                                 'not read, not retried' % (method, path, _short(exc, self.scrub)), method=method,
                                 path=path, url=url)
        except requests.exceptions.SSLError as exc:
            raise LangSmithError(_tls_message(url, exc, self.scrub), method=method, path=path, url=url)
        except requests.exceptions.ConnectTimeout:
            return _Failure('connection to %s timed out after %s s' % (url, _secs(timeout)), False, 'connect-timeout', timeout), None
        except requests.exceptions.ReadTimeout:
            return _Failure('no answer from %s within %s s' % (url, _secs(timeout)), True, 'read-timeout', timeout), None
        except (requests.exceptions.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
            sent = not _is_connect_failure(exc)
            text = _short(_unwrapped(exc), self.scrub)
            what = 'connection to %s was lost: %s' % (url, text) if sent else 'cannot connect to %s: %s' % (url, text)
            if sent and url.lower().startswith('http://'):
                what += '. A port that serves HTTPS drops a plain http:// request so: use https:// if the control plane serves HTTPS'

            return _Failure(what, sent, 'connection', timeout), None
        except requests.exceptions.RequestException as exc:
            raise LangSmithError('Request %s %s failed: %s' % (method, url, _short(exc, self.scrub)), method=method, path=path, url=url)

    def _backoff(self, attempt, retry_after):
        """Seconds to wait before retry number ``attempt``: the backoff, or longer if Retry-After asks
        for longer (up to RETRY_AFTER_CAP); never less than the backoff, whatever Retry-After says
        (``0`` or a date in the past from every client at once would be a storm of retries)."""
        ceiling = min(BACKOFF_CAP, BACKOFF_BASE * (2 ** (attempt - 1)))
        backoff = ceiling / 2 + random.uniform(0, ceiling / 2)  # "equal jitter"
        if retry_after is None:
            return backoff
        return max(backoff, min(retry_after, RETRY_AFTER_CAP))

    def _stop_reason(self, attempt, wait, retry_after):
        """Why no retry follows attempt number ``attempt`` after waiting ``wait`` seconds, or None."""
        if attempt > self.retries:
            return 'no retries left (retries=%d)' % self.retries
        # A retry must have a useful moment to run in before the deadline.
        if self.clock() + wait + min(MIN_ATTEMPT, self.timeout) > self.deadline:
            if retry_after is not None and retry_after >= wait:
                return ('the control plane asked to wait %s s (Retry-After), past the retry_timeout of %s s'
                        % (_secs(retry_after), _secs(self.retry_timeout)))
            return 'retry_timeout of %s s reached' % _secs(self.retry_timeout)
        return None

    def _give_up(self, method, path, url, resp, failure, attempt, elapsed, stop):
        tries = 'gave up after %d attempt%s in %.1f s: %s' % (attempt, '' if attempt == 1 else 's', elapsed, stop)
        if resp is not None:
            err = self._http_error(method, path, url, resp)
            err.message = '%s (%s)' % (err.message, tries)
            return err
        if failure.kind == 'read-timeout':
            msg = 'Request %s %s timed out: no answer within %s s (timeout), %s' % (method, url, _secs(self.timeout), tries)
        else:
            msg = 'Request %s %s failed: %s (%s)' % (method, path, failure.reason, tries)
        return LangSmithError(msg, method=method, path=path, url=url)

    def _decode(self, method, path, resp):
        if resp.status_code == 204 or not resp.content:
            return None
        try:
            return _json(resp)
        except _TooDeep:
            raise LangSmithError('Request %s %s answered %s with JSON nested deeper than %d levels, which no answer of the '
                                 'API is: not read' % (method, path, resp.status_code, MAX_DEPTH),
                                 method=method, path=path, status=resp.status_code, url=resp.url)
        except ValueError:
            raise LangSmithError(
                'Request %s %s answered %s with a body that is not JSON (Content-Type %s): %s'
                % (method, path, resp.status_code, _content_type(resp) or 'unset', format_detail(None, resp.text, self.scrub)),
                method=method, path=path, status=resp.status_code, url=resp.url)

    def _http_error(self, method, path, url, resp):
        try:
            data = _json(resp)
        except (ValueError, _TooDeep):
            data = None
        detail = format_detail(data, resp.text, self.scrub)
        status = resp.status_code
        msg = 'Request %s %s failed: %s %s' % (method, path, status, resp.reason or REASONS.get(status, ''))
        msg = msg.rstrip()
        if detail:
            msg += ': %s' % detail
        hint = self._hint(status, detail, resp.headers.get('Location'))
        if hint:
            msg += ' (%s)' % hint
        return LangSmithError(msg, method=method, path=path, status=status, detail=detail, url=url)

    def _hint(self, status, detail, location=None):
        if status == 404 and self._may_lack_api_host(detail):
            return ('control_plane_url %s does not end in %s, where a self-hosted LangSmith serves the control plane API: '
                    'https://<host>%s' % (self.base_url, SELF_HOSTED_SUFFIX, SELF_HOSTED_SUFFIX))
        if 300 <= status < 400:
            return ('the control plane redirects to %s; redirects are not followed, so that the credentials go '
                    'nowhere else: set control_plane_url to the URL the API is served at' % (location or 'another URL'))
        if status == 401:
            return ('the control plane did not accept the credentials: check api_key (%s) or bearer_token (%s)'
                    % (ENV_API_KEY, ENV_BEARER_TOKEN))
        if status == 403:
            if 'self-hosted enterprise' in (detail or ''):
                return ('the organization is not on a self-hosted enterprise plan, which the control plane '
                        'requires for listeners')
            if not self.workspace_id:
                return ('an organization-scoped API key needs the workspace: set workspace_id (%s) to the workspace ID'
                        % ENV_WORKSPACE_ID)
            return 'the credentials have no access to workspace %s (workspace_id)' % self.workspace_id
        return None

    def _may_lack_api_host(self, detail):
        """True when a 404 more likely means a base URL without /api-host than a missing resource: the
        URL is neither a hosted region's nor ends in /api-host, and the answer is not the control plane's
        own for an unknown ID."""
        return not is_control_plane_api(self.base_url) and not _UNKNOWN_ID.match(detail or '')

    # -- pagination ---------------------------------------------------------------------------

    def paginate(self, path, parse_page, limit=100, what=None):
        """Yield the pages of a list endpoint (``{"resources": [...], "offset": N}``).

        ``parse_page`` validates a decoded page and returns it; ``what`` names its resources in messages (by default the
        last segment of ``path``: ``/v2/listeners`` lists listeners). Stops at a page shorter than
        ``limit``, or as soon as the consumer stops iterating (so a search ends at its match).
        Bounded: after ``max_pages`` pages, or once the task's ``retry_timeout`` has passed
        since its first request, no further page is asked for, so a listing ends at the latest
        one request's ``timeout`` after that.
        """
        what = what or path.rstrip('/').rsplit('/', 1)[-1]
        offset = 0
        pages = 0
        while True:
            resp = self.request('GET', path, params={'limit': limit, 'offset': offset})
            try:
                page = parse_page(resp.data)
            except LangSmithError as exc:
                exc.status = resp.status if exc.status is None else exc.status  # the answer that made it fail
                raise
            except Exception as exc:  # pylint: disable=broad-except
                raise self.unreadable('GET', path, exc, resp.status)
            pages += 1
            yield page
            resources = page['resources']
            if len(resources) < limit:
                return
            next_offset = page['offset']
            if next_offset <= offset:
                raise LangSmithError('Request GET %s answered offset %s after offset %s: pagination does not advance'
                                     % (path, next_offset, offset), method='GET', path=path)
            if pages >= self.max_pages:
                raise LangSmithError('Request GET %s: still full pages after %d pages of %d (max_pages): stopped. Raise '
                                     'max_pages if the workspace really holds more than %d %s'
                                     % (path, pages, limit, pages * limit, what), method='GET', path=path)
            if self.clock() > self.deadline:
                raise LangSmithError('Request GET %s: the listing did not end within the retry_timeout of %s s (%d pages '
                                     'of %d read): stopped. Raise retry_timeout for a control plane this slow'
                                     % (path, _secs(self.retry_timeout), pages, limit), method='GET', path=path)
            offset = next_offset


class _TooLarge(Exception):
    """The body passes MAX_BODY."""


class _Encoded(Exception):
    """The body has a Content-Encoding other than identity (its value is the message)."""


class _TooDeep(Exception):
    """The JSON nests deeper than MAX_DEPTH."""


def _json(resp):
    """The decoded JSON body of ``resp``: ValueError if it is not JSON, _TooDeep if it nests too deep."""
    try:
        data = resp.json()
    except RecursionError:
        raise _TooDeep()
    if too_deep(data):
        raise _TooDeep()
    return data


class _Exchange:
    """One request and its whole answer, run by a thread of its own (see Client._attempt): sets
    ``response`` once the headers are in (its body read in full before ``run`` returns), or ``error``."""

    def __init__(self, session, method, url, body, timeout, verify):
        self.session = session
        self.args = (method, url, body, timeout, verify)
        self.response = None
        self.error = None
        self.abandoned = False

    def run(self):
        method, url, body, timeout, verify = self.args
        try:
            # Redirects are not followed: X-Api-Key would go along to wherever they point.
            resp = self.session.request(method, url, json=body, timeout=timeout, allow_redirects=False, verify=verify,
                                        stream=True)
            self.response = resp
            self._read_body(resp)
        except Exception as exc:  # pylint: disable=broad-except  # handed to the waiting thread
            self.error = exc

    def _read_body(self, resp):
        """Read the body in chunks into ``resp`` (as requests would), up to MAX_BODY; a broken body
        raises here, so that it is retried like a lost connection."""
        encoding = (resp.headers.get('Content-Encoding') or 'identity').strip().lower()
        if encoding != 'identity':
            resp.close()
            raise _Encoded(encoding)
        length = (resp.headers.get('Content-Length') or '').strip()
        if length.isdigit() and int(length) > MAX_BODY:
            resp.close()
            raise _TooLarge()
        chunks = []
        size = 0
        for chunk in resp.iter_content(CHUNK_SIZE):
            size += len(chunk)
            if self.abandoned or size > MAX_BODY:
                resp.close()
                if self.abandoned:
                    return
                raise _TooLarge()
            chunks.append(chunk)
        resp._content = b''.join(chunks)  # pylint: disable=protected-access  # what resp.content would have read
        resp._content_consumed = True  # pylint: disable=protected-access

    def abandon(self):
        """Called by the waiting thread at the attempt's deadline: the reading thread stops at its next
        chunk, or at once where the socket can be shut under it."""
        self.abandoned = True
        sock = None
        try:
            sock = self.response.raw._fp.fp.raw._sock  # pylint: disable=protected-access  # urllib3 -> http.client -> socket
        except AttributeError:
            return
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


class _Failure:
    __slots__ = ('reason', 'uncertain', 'kind', 'timeout')

    def __init__(self, reason, uncertain, kind, timeout):
        self.reason = reason
        self.uncertain = uncertain
        self.kind = kind
        self.timeout = timeout


# The control plane's own 404 for an ID it does not know (the URL is right): 'Listener ID <id> not found.',
# 'Deployment ID <id> not found.'.
_UNKNOWN_ID = re.compile(r'[A-Z][a-z]+ ID \S+ not found')
_CONNECT_FAILURES = ('NewConnectionError', 'NameResolutionError', 'ConnectTimeout', 'Connection refused', 'Failed to establish')


def _retry_after_note(retry_after, wait):
    if retry_after is None:
        return ''
    if retry_after > wait:
        return ', the cap for the %s s that Retry-After asked' % _secs(retry_after)
    if retry_after < wait:
        return ', not the %s s that Retry-After asked: never less than the backoff' % _secs(retry_after)
    return ' as Retry-After asked'


# urllib3 wraps the reason of a failed attempt as "<pool>: Max retries exceeded with url: <url> (Caused by <reason>)",
# though it retried nothing (the client has its own retry policy, and does not retry TLS failures).
_MAX_RETRIES = re.compile(r'^.*?Max retries exceeded with url: \S+ \(Caused by (.*)\)$', re.DOTALL)


def _unwrapped(exc):
    """The text of ``exc`` without urllib3's "Max retries exceeded" wrapper."""
    text = str(exc)
    match = _MAX_RETRIES.match(text)
    return match.group(1) if match else text


def _tls_message(url, exc, scrub=None):
    """Name certificate verification when that is what failed; other TLS failures as they are."""
    text = _short(_unwrapped(exc), scrub)
    if 'CERTIFICATE_VERIFY_FAILED' in text or 'certificate verify failed' in text:
        return ('TLS certificate verification failed for %s: %s. Set ca_path to the bundle of the CA that signed '
                "the control plane's certificate (or, not recommended, validate_certs: false); for the dataplane role and "
                'its playbooks, langsmith_ca_path (or langsmith_validate_certs: false); or %s, which the AWX '
                'credential type sets from its CA bundle' % (url, text, ENV_CA_PATH))
    return 'TLS handshake with %s failed: %s' % (url, text)


def _is_connect_failure(exc):
    """True when the request never reached the server (refused, DNS, connect timeout)."""
    text = repr(exc)
    return any(marker in text for marker in _CONNECT_FAILURES)


def _short(exc, scrub=None):
    """An exception's text for a message: scrubbed, then cut short."""
    return cut_short(str(exc), 300, scrub)


def _secs(value):
    return ('%g' % value) if isinstance(value, (int, float)) else str(value)
