# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The API models: built on first use, so that a task pays only for the validators it needs."""

import importlib.util
import inspect

import pydantic

from ansible_collections.langchain.langsmith.plugins.module_utils import _models

LISTENER = {'id': '0b9d5c2e-6f1a-4b8e-9c3d-2a7e5f4b1c0d', 'compute_type': 'k8s', 'compute_id': 'prod-1',
            'compute_config': {'k8s_namespaces': ['a']}, 'version': None,
            'created_at': '2026-11-28T10:00:00Z', 'updated_at': '2026-11-28T10:00:00Z'}


def fresh_models():
    """A copy of _models as a module process imports it, untouched by other tests."""
    spec = importlib.util.spec_from_file_location('fresh_models', _models.__file__)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def model_classes(module):
    return {name: cls for name, cls in vars(module).items()
            if inspect.isclass(cls) and issubclass(cls, pydantic.BaseModel) and cls.__module__ == module.__name__}


def test_importing_the_models_builds_no_validator():
    classes = model_classes(fresh_models())
    assert len(classes) >= 9
    assert [name for name, cls in classes.items() if cls.__pydantic_complete__] == []


def test_a_validation_builds_only_the_models_it_needs():
    models = fresh_models()
    listener = models.parse(models.Listener, LISTENER, 'the answer')
    assert listener.compute_config.k8s_namespaces == ['a']
    built = sorted(name for name, cls in model_classes(models).items() if cls.__pydantic_complete__)
    assert built == ['Listener']  # ListenerComputeConfig's schema is inlined into Listener's; the rest wait
