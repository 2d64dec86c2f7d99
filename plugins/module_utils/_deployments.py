# -*- coding: utf-8 -*-
# Collection-private module_utils of langchain.langsmith: not a public API, may change without notice.
#
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The deployments that run on listeners (layer 2), and the guard that no listener is deleted under them.

A deployment of the ``external_docker`` source runs on a listener: ``source_config.listener_id`` of
``GET /v2/deployments``. The API has no filter by listener, so the workspace's deployments are read
page by page (100 at a time, through the client, its retries and its bounds) and indexed by listener
ID once. What the control plane does on ``DELETE /v2/listeners/{id}`` while deployments name that
listener (refuse, cascade or orphan them) is not documented: before any listener is deleted,
``refuse_protected()`` reads the deployments and refuses the delete of every listener that one names,
unless the user says ``force``. It is called only by a run that would delete at least one listener,
so that every other run sends no request for deployments.
"""

from ansible_collections.langchain.langsmith.plugins.module_utils._errors import LangSmithError
from ansible_collections.langchain.langsmith.plugins.module_utils import _models as models

DEPLOYMENTS = '/v2/deployments'
PAGE_LIMIT = 100


class ProtectedError(LangSmithError):
    """A delete refused because deployments run on the listener (nothing was written)."""

    def __init__(self, message, protected):
        super(ProtectedError, self).__init__(message)
        self.protected = protected  # [(listener, [deployment summary])]
        # What the failed task returns beside msg: each refused listener and the deployments on it.
        self.result = {'protected': [{'compute_id': listener['compute_id'], 'id': listener['id'], 'deployments': deployments}
                                     for listener, deployments in protected],
                       'at_fault': dict((listener['compute_id'], True) for listener, dummy in protected)}


def summary(deployment):
    """What the collection shows of a deployment: ``id``, ``name`` and ``status``."""
    return {'id': deployment['id'], 'name': deployment['name'], 'status': deployment.get('status')}


def listener_of(deployment):
    """The listener ID a deployment names (canonical form), or None."""
    listener_id = (deployment.get('source_config') or {}).get('listener_id')
    return str(listener_id).lower() if listener_id else None


class DeploymentService:
    """Reads the deployments of the client's workspace."""

    def __init__(self, client):
        self.client = client

    def _page(self, data):
        try:
            models.parse(models.DeploymentsList, data, 'The answer to GET %s' % DEPLOYMENTS)
        except ValueError as exc:
            raise LangSmithError(str(exc), method='GET', path=DEPLOYMENTS)
        return data

    def by_listener(self):
        """{listener ID: [deployment summary, ...]} of every deployment that names a listener, in the API's order."""
        index = {}
        for page in self.client.paginate(DEPLOYMENTS, self._page, limit=PAGE_LIMIT, what='deployments'):
            for deployment in page['resources']:
                listener_id = listener_of(deployment)
                if listener_id:
                    index.setdefault(listener_id, []).append(summary(deployment))
        return index


def describe(protected):
    """'listener a (ID x): deployment d (ID y, READY), ...; listener b ...' for [(listener, [summary])]."""
    parts = []
    for listener, deployments in protected:
        on = ', '.join('deployment %s (ID %s, %s)' % (d['name'], d['id'], d.get('status') or 'status unknown') for d in deployments)
        parts.append('listener %s (ID %s): %s' % (listener['compute_id'], listener['id'], on))
    return '; '.join(parts)


def refuse_protected(client, listeners, workspace):
    """Raise ProtectedError, naming every listener of ``listeners`` that a deployment runs on and each such
    deployment, when there is one; return the deployments index otherwise. ``workspace`` names the
    workspace in the message. One listing of the workspace's deployments, whatever the number of listeners."""
    index = DeploymentService(client).by_listener()
    protected = [(listener, index[str(listener['id']).lower()]) for listener in listeners if str(listener['id']).lower() in index]
    if protected:
        raise ProtectedError(
            'Refusing to delete %d listener%s that deployments run on, in %s: %s. Deleting a listener strands the agents '
            'deployed through it (what the control plane does with the deployments of a deleted listener is not '
            'documented). Delete those deployments first (in LangSmith, or DELETE %s/<id>), or set force: true '
            '(langsmith_listener_force: true for the dataplane role) to delete anyway. Nothing was changed'
            % (len(protected), '' if len(protected) == 1 else 's', workspace, describe(protected), DEPLOYMENTS), protected)
    return index
