# -*- coding: utf-8 -*-
# Collection-private module_utils of langchain.langsmith: not a public API, may change without notice.
#
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The HTTP client of the LangSmith Deployment Control Plane API.

Layer 1 of the collection: URL joining, authentication headers, TLS, timeouts,
the retry policy and pagination, and one exception type (LangSmithError) that
carries method, path, status and the API's own ``detail``. It knows nothing
about listeners; ``_listener.py`` does.
"""

import email.utils
import random
import re
import time
from urllib.parse import urlencode, urlsplit

try:
    import requests
except ImportError as exc:
    REQUESTS_IMPORT_ERROR = exc
    HAS_REQUESTS = False
else:
    REQUESTS_IMPORT_ERROR = None
    HAS_REQUESTS = True

COLLECTION_VERSION = '0.1.0'
USER_AGENT = 'langchain.langsmith-ansible/%s' % COLLECTION_VERSION

DEFAULT_CONTROL_PLANE_URL = 'https://api.host.langchain.com'
# What messages call the credential a client sends (an API key, else a bearer token).
CREDENTIAL_NAMES = {True: 'API key', False: 'bearer token'}
# The hosted control planes, by region, each with the LangSmith API of its region (what the data
# plane's chart calls smithBackendUrl). A self-hosted one is https://<host>[/<basePath>]/api-host.
HOSTED_REGIONS = (
    ('US', DEFAULT_CONTROL_PLANE_URL, 'https://api.smith.langchain.com'),
    ('EU', 'https://eu.api.host.langchain.com', 'https://eu.api.smith.langchain.com'),
    ('APAC', 'https://apac.api.host.langchain.com', 'https://apac.api.smith.langchain.com'),
    ('AWS US', 'https://aws.api.host.langchain.com', 'https://aws.api.smith.langchain.com'),
)
HOSTED_URLS = frozenset(url for dummy, url, dummy2 in HOSTED_REGIONS)
# A self-hosted control plane's API is served below this path of the LangSmith host.
SELF_HOSTED_SUFFIX = '/api-host'
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

REASONS = {
    301: 'Moved Permanently', 302: 'Found', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
    400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
    422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error',
    502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
}


class LangSmithError(Exception):
    """A request that did not end as expected.

    ``status`` is None when no HTTP answer arrived (connection error, timeout, TLS).
    """

    def __init__(self, message, method=None, path=None, status=None, detail=None, url=None):
        super(LangSmithError, self).__init__(message)
        self.message = message
        self.method = method
        self.path = path
        self.status = status
        self.detail = detail
        self.url = url

    def __str__(self):
        return self.message


class ApiResponse:
    """A decoded answer. ``uncertain`` is true when an earlier attempt of the same
    request may have been carried out by the server although its answer was lost."""

    __slots__ = ('status', 'data', 'uncertain', 'first_sent')

    def __init__(self, status, data, uncertain=False, first_sent=None):
        self.status = status
        self.data = data
        self.uncertain = uncertain
        self.first_sent = first_sent


def check_base_url(url):
    """Return ``url`` if it is a usable control plane base URL, else raise ValueError."""
    parts = urlsplit(url or '')
    if parts.scheme not in ('http', 'https') or not parts.hostname:
        raise ValueError('must be an http:// or https:// URL with a host name, got %r' % (url,))
    if parts.username or parts.password:
        raise ValueError('must not carry credentials; pass them as api_key or bearer_token')
    if parts.query or parts.fragment:
        raise ValueError('must not have a query string or fragment, got %r' % (url,))
    return url


def join_url(base, path):
    """``https://h/api-host`` or ``https://h/api-host/`` + ``/v2/listeners`` -> ``https://h/api-host/v2/listeners``."""
    return base.rstrip('/') + '/' + path.lstrip('/')


def parse_retry_after(value, now=None):
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


def format_detail(data, text):
    """The API's own words: ``detail`` as a string, or each 422 field error as ``loc: msg``."""
    if isinstance(data, dict) and 'detail' in data:
        detail = data['detail']
        if isinstance(detail, list):
            items = []
            for item in detail:
                if isinstance(item, dict):
                    loc = '.'.join(str(p) for p in item.get('loc') or ())
                    items.append('%s: %s' % (loc or '(request)', item.get('msg', item)))
                else:
                    items.append(str(item))
            return '; '.join(items)
        return str(detail)
    text = (text or '').strip()
    if len(text) > 200:
        text = text[:200] + '...'
    return text


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
                 clock=time.monotonic):
        self.base_url = check_base_url(base_url)
        self.workspace_id = workspace_id
        self.timeout = timeout
        self.retries = retries
        self.retry_timeout = retry_timeout
        self.max_pages = max_pages
        self.warn = warn or (lambda msg: None)
        self.sleep = sleep
        self.clock = clock
        self.session = requests.Session()
        self.session.headers.update({'Accept': 'application/json', 'User-Agent': USER_AGENT})
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
        """One HTTP exchange: (None, response) or (_Failure, None)."""
        self.requests_sent += 1
        try:
            # Redirects are not followed: X-Api-Key would go along to wherever they point.
            resp = self.session.request(method, url, json=body, timeout=timeout, allow_redirects=False, verify=self.verify)
            resp.content  # pylint: disable=pointless-statement  # read the body now, so a broken one is retried here
            return None, resp
        except requests.exceptions.SSLError as exc:
            raise LangSmithError(_tls_message(url, exc), method=method, path=path, url=url)
        except requests.exceptions.ConnectTimeout:
            return _Failure('connection to %s timed out after %s s' % (url, _secs(timeout)), False, 'connect-timeout', timeout), None
        except requests.exceptions.ReadTimeout:
            return _Failure('no answer from %s within %s s' % (url, _secs(timeout)), True, 'read-timeout', timeout), None
        except (requests.exceptions.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
            sent = not _is_connect_failure(exc)
            what = 'connection to %s was lost: %s' % (url, _short(exc)) if sent else 'cannot connect to %s: %s' % (url, _short(exc))
            return _Failure(what, sent, 'connection', timeout), None
        except requests.exceptions.RequestException as exc:
            raise LangSmithError('Request %s %s failed: %s' % (method, url, _short(exc)), method=method, path=path, url=url)

    def _backoff(self, attempt, retry_after):
        if retry_after is not None:
            return min(retry_after, RETRY_AFTER_CAP)
        ceiling = min(BACKOFF_CAP, BACKOFF_BASE * (2 ** (attempt - 1)))
        return ceiling / 2 + random.uniform(0, ceiling / 2)  # "equal jitter"

    def _stop_reason(self, attempt, wait, retry_after):
        """Why no retry follows attempt number ``attempt`` after waiting ``wait`` seconds, or None."""
        if attempt > self.retries:
            return 'no retries left (retries=%d)' % self.retries
        # A retry must have a useful moment to run in before the deadline.
        if self.clock() + wait + min(MIN_ATTEMPT, self.timeout) > self.deadline:
            if retry_after is not None:
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
            return resp.json()
        except ValueError:
            raise LangSmithError(
                'Request %s %s answered %s with a body that is not JSON (Content-Type %s): %s'
                % (method, path, resp.status_code, _content_type(resp) or 'unset', format_detail(None, resp.text)),
                method=method, path=path, status=resp.status_code, url=resp.url)

    def _http_error(self, method, path, url, resp):
        try:
            data = resp.json()
        except ValueError:
            data = None
        detail = format_detail(data, resp.text)
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
            return ('the control plane did not accept the credentials: check api_key (LANGSMITH_API_KEY) '
                    'or bearer_token (LANGSMITH_BEARER_TOKEN)')
        if status == 403:
            if 'self-hosted enterprise' in (detail or ''):
                return ('the organization is not on a self-hosted enterprise plan, which the control plane '
                        'requires for listeners')
            if not self.workspace_id:
                return ('an organization-scoped API key needs the workspace: set workspace_id '
                        '(LANGSMITH_WORKSPACE_ID) to the workspace ID')
            return 'the credentials have no access to workspace %s (workspace_id)' % self.workspace_id
        return None

    def _may_lack_api_host(self, detail):
        """True when a 404 more likely means a base URL without /api-host than a missing listener: the
        URL is neither a hosted region's nor ends in /api-host, and the answer is not the control plane's
        own for an unknown listener ID."""
        base = self.base_url.rstrip('/')
        if urlsplit(base).path.endswith(SELF_HOSTED_SUFFIX) or base.lower() in HOSTED_URLS:
            return False
        return not _UNKNOWN_LISTENER.match(detail or '')

    # -- pagination ---------------------------------------------------------------------------

    def paginate(self, path, parse_page, limit=100, what='listeners'):
        """Yield the pages of a list endpoint (``{"resources": [...], "offset": N}``).

        ``parse_page`` validates a decoded page and returns it; ``what`` names its resources in messages. Stops at a page shorter than
        ``limit``, or as soon as the consumer stops iterating (so a search ends at its match).
        Bounded: after ``max_pages`` pages, or once the task's ``retry_timeout`` has passed
        since its first request, no further page is asked for, so a listing ends at the latest
        one request's ``timeout`` after that.
        """
        offset = 0
        pages = 0
        while True:
            page = parse_page(self.request('GET', path, params={'limit': limit, 'offset': offset}).data)
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


class _Failure:
    __slots__ = ('reason', 'uncertain', 'kind', 'timeout')

    def __init__(self, reason, uncertain, kind, timeout):
        self.reason = reason
        self.uncertain = uncertain
        self.kind = kind
        self.timeout = timeout


# The control plane's own 404 for a listener ID it does not know (the URL is right).
_UNKNOWN_LISTENER = re.compile(r'Listener ID \S+ not found')
_CONNECT_FAILURES = ('NewConnectionError', 'NameResolutionError', 'ConnectTimeout', 'Connection refused', 'Failed to establish')


def _retry_after_note(retry_after, wait):
    if retry_after is None:
        return ''
    if retry_after > wait:
        return ', the cap for the %s s that Retry-After asked' % _secs(retry_after)
    return ' as Retry-After asked'


def _tls_message(url, exc):
    """Name certificate verification when that is what failed; other TLS failures as they are."""
    text = _short(exc)
    if 'CERTIFICATE_VERIFY_FAILED' in text or 'certificate verify failed' in text:
        return ('TLS certificate verification failed for %s: %s. Set ca_path to the bundle of the CA that signed '
                "the control plane's certificate (or, not recommended, validate_certs: false)" % (url, text))
    return 'TLS handshake with %s failed: %s' % (url, text)


def _is_connect_failure(exc):
    """True when the request never reached the server (refused, DNS, connect timeout)."""
    text = repr(exc)
    return any(marker in text for marker in _CONNECT_FAILURES)


def _short(exc):
    text = str(exc)
    return text if len(text) <= 300 else text[:300] + '...'


def _secs(value):
    return ('%g' % value) if isinstance(value, (int, float)) else str(value)
