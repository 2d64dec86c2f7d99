# -*- coding: utf-8 -*-
# Collection-private module_utils of langchain.langsmith: not a public API, may change without notice.
#
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Pydantic models of the listener API, mirroring the OpenAPI schemas of the
LangSmith Deployment Control Plane (``/v2/listeners``), and of the part of its
deployments API (``/v2/deployments``) that ties a deployment to a listener.

This file is the one place where the API's shapes are written down. The
modules validate every answer against these models, so that an off-contract
answer is a clear error, not a KeyError; the emulator in ``emulator/`` builds
its FastAPI routes from the same classes.

Only ``pydantic`` is imported here: the emulator loads this file by path.
"""

import datetime
import typing as t
import uuid

try:
    from pydantic import BaseModel, ConfigDict, Field, ValidationError
except ImportError as exc:  # handled by the callers through missing_required_lib
    PYDANTIC_IMPORT_ERROR = exc
    BaseModel = object  # pylint: disable=invalid-name
    HAS_PYDANTIC = False
else:
    PYDANTIC_IMPORT_ERROR = None
    HAS_PYDANTIC = True

COMPUTE_TYPES = ('k8s',)
# The listener's fields that only its create sets: ListenerPatchRequest has none of them, so a listener found with
# another value cannot be brought to the one asked for (compute_id is the listener's identity, not a field to compare).
CREATE_ONLY = ('compute_type',)

if HAS_PYDANTIC:

    # defer_build: a model's validator is built when it is first used, not when this file is
    # imported, so that a task pays only for the models its requests need.
    class _Open(BaseModel):
        """Answers may carry fields newer than this collection: keep them, do not fail."""

        model_config = ConfigDict(extra='allow', defer_build=True)

    class _Request(BaseModel):
        """Request bodies. Unknown fields are ignored, as FastAPI does by default."""

        model_config = ConfigDict(defer_build=True)

    class ListenerComputeConfig(_Open):
        k8s_namespaces: t.Optional[t.List[str]] = Field(
            default=None, title='Kubernetes Namespaces',
            description='A list of Kubernetes namespaces to which the listener is configured for.')

    class Listener(_Open):
        """The listener resource, as every operation returns it."""

        version: t.Optional[str] = Field(default=None, description='The version of the listener.')
        # The spec says ``const: k8s``; answers are read as any string so that a listener of a
        # compute type newer than this collection does not break listing a whole workspace.
        compute_type: str = Field(description='The compute type of the listener.')
        compute_id: str = Field(description='User assigned unique ID of the compute infrastructure for the listener.')
        compute_config: ListenerComputeConfig
        id: uuid.UUID = Field(title='ID', description='System assigned ID of the listener.')
        created_at: datetime.datetime = Field(description='The creation time of the listener.')
        updated_at: datetime.datetime = Field(description='The last update time of the listener.')

    class ListenersList(_Open):
        resources: t.List[Listener]
        offset: int = Field(description='Pagination offset. Pass this value to subsequent requests to fetch the next page.')

    class ListenerCreateRequest(_Request):
        version: t.Optional[str] = Field(default=None, description='The version of the listener.')
        compute_type: t.Literal['k8s'] = Field(description='The compute type of the listener.')
        compute_id: str = Field(description='User assigned unique ID of the compute infrastructure for the listener.')
        compute_config: ListenerComputeConfig

    class ListenerPatchRequest(_Request):
        version: t.Optional[str] = Field(default=None, description='The version of the listener.')
        compute_config: t.Optional[ListenerComputeConfig] = None

    class DeploymentListenerConfig(_Open):
        k8s_namespace: t.Optional[str] = Field(
            default=None, description='Kubernetes namespace where the deployment will be deployed to.')

    class DeploymentSourceConfig(_Open):
        """What ties a deployment to a listener. Every field is optional in the spec; the vendor's Terraform
        provider notes that the service does not report ``listener_config`` back."""

        listener_id: t.Optional[uuid.UUID] = Field(
            default=None, title='Listener ID', description='The ID of the listener used for the deployment (external_docker source).')
        listener_config: t.Optional[DeploymentListenerConfig] = None

    class Deployment(_Open):
        """A deployment, read for what the collection needs of it: which listener it runs on.

        The spec requires more fields (source_revision_config, secrets, revisions, ...): answers are read
        leniently, as listeners are, so that a deployment of a newer shape does not break a delete guard;
        ``status`` is read as any string (the vendor's Terraform provider knows one more status,
        AWAITING_FINAL_DELETE, than the spec's enum).
        """

        id: uuid.UUID = Field(title='ID', description='The ID of the deployment.')
        name: str = Field(description='Name of the deployment.')
        source: t.Optional[str] = Field(default=None, description='github, external_docker, internal_docker or internal_source.')
        status: t.Optional[str] = Field(default=None, description='The status of the deployment.')
        source_config: t.Optional[DeploymentSourceConfig] = None

    class DeploymentsList(_Open):
        resources: t.List[Deployment]
        offset: int = Field(description='Pagination offset. Pass this value to subsequent requests to fetch the next page.')

    class DeploymentSecret(_Request):
        name: str
        value: str

    class DeploymentRevisionConfigRequest(_Request):
        repo_ref: t.Optional[str] = None
        langgraph_config_path: t.Optional[str] = None
        image_uri: t.Optional[str] = None
        source_tarball_path: t.Optional[str] = None

    class DeploymentCreateRequest(_Request):
        """The create body, as the spec has it (the emulator's route; the collection never creates deployments).
        Of ``source_config``, only what ties a deployment to a listener is checked."""

        name: str = Field(description='Name of the deployment.')
        source: t.Literal['github', 'external_docker', 'internal_docker', 'internal_source']
        source_config: DeploymentSourceConfig
        source_revision_config: DeploymentRevisionConfigRequest
        secrets: t.List[DeploymentSecret]
        secret_references: t.Optional[t.List[t.Dict[str, t.Any]]] = None

    class ErrorDetail(_Open):
        """The ``{"detail": "..."}`` body of 403, 404 and 409 answers."""

        detail: str

    class ValidationErrorItem(_Open):
        loc: t.List[t.Union[str, int]]
        msg: str
        type: str

    class HTTPValidationError(_Open):
        """FastAPI's 422 body."""

        detail: t.List[ValidationErrorItem] = []


def describe_validation_error(exc):
    """One line naming every field a pydantic ValidationError complains about."""
    parts = []
    for err in exc.errors():
        loc = '.'.join(str(p) for p in err.get('loc', ())) or '(body)'
        parts.append('%s: %s' % (loc, err.get('msg', 'invalid')))
    return '; '.join(parts)


def parse(model, data, what):
    """Validate ``data`` (decoded JSON) against ``model``.

    Raises ValueError with a message naming ``what`` and each offending field.
    """
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ValueError('%s does not match the API schema (%s): %s' % (what, model.__name__, describe_validation_error(exc)))
