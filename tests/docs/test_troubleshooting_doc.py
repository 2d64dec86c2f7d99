# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""docs/docsite/rst/troubleshooting.rst has a row for every message the collection can fail or warn with.

Three kinds of message are checked:

- the collection's own in Python: every string template (``'... %s ...' % x``, f-strings,
  ``.format``) that reaches an exception, a warning or ``fail_json`` anywhere in ``plugins/``,
  found by reading the code. Each must occur in a row, its ``%s`` parts written as placeholders
  such as ``<url>``.
- the collection's own in YAML: every message of an ``ansible.builtin.fail``, ``assert`` or
  ``debug`` task in ``roles/`` and ``playbooks/``, its Jinja expressions standing for ``%s``. A
  message that is one expression passes another's on: a ``langchain.langsmith`` module's or
  filter's (found in ``plugins/`` above), or the module of another collection whose result it
  reads. Every task of another collection's module (such as ``kubernetes.core.helm``) shows its
  own messages, so each such module needs a row ``<message of kubernetes.core.helm>``.
- ansible-core's, for the modules' argument specs: each module is run with every kind of bad
  input its spec can get (a missing required option, a value not in ``choices``, a value of the
  wrong type, options that exclude each other, an unknown option), and for the libraries the
  collection reports as missing; and the role's argument specs get every kind of bad value, as
  ansible-core validates them when the role starts. Each message must match a row, whose
  placeholders stand for any text.

And every row must match one of those messages, so that the table holds no stale rows.
"""

import ast
import glob
import importlib
import json
import os
import re

import pytest
import yaml

from ansible.module_utils import basic
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.testing import patch_module_args

from ansible_collections.langchain.langsmith.tests.docs.pages import every_row, guide, literals
from ansible_collections.langchain.langsmith.tests.unit.fakes import ROOT

TABLE = 'docs/docsite/rst/troubleshooting.rst'
COLLECTION = 'ansible_collections.langchain.langsmith'

# Calls whose first argument (or ``msg=``) is a message a user can see (``append``: to a list of
# problems, reported together; ``update``: an action plugin's result, by its ``msg=``); besides
# these, any class whose name ends in Error or Exception.
MESSAGE_CALLS = frozenset(('warn', 'fail_json', 'deprecate', '_Failure', 'missing_required_lib', 'append', 'update'))
# Strings that the code scan finds but that never reach a user as an error or warning.
NOT_MESSAGES = {
    'Listener %s created (the answer to the first create request was lost)': "the msg of a successful create",
    '%(created)d created, %(updated)d updated, %(deleted)d deleted, %(unchanged)d unchanged': 'the listeners module\'s summary',
    'would create %(created)d, update %(updated)d, delete %(deleted)d; %(unchanged)d unchanged': 'the same in check mode',
    ' (purge: not in the list)': 'added to the msg of a listener that purge deleted',
    'the workspace of the %s, workspace_id unset': 'the <workspace> of the messages that name it, when workspace_id is not set',
    'listener %s (ID %s): %s': 'one listener of the refusal to delete listeners that deployments run on',
    'k8s_namespaces %s, not %s': 'one <what differs> of the refusal of a 201 answer with another listener',
    'version %r, not %r': 'the same',
    '%s-langsmith-log-access': 'the name of the log-access Role and RoleBinding the role creates',
}
# Tasks of roles/ and playbooks/ whose message is a report, not an error or warning: (file, task name).
REPORTS = {
    ('playbooks/bootstrap_cluster.yml', "Show each cluster's listener"): "bootstrap_cluster's list of each cluster's listener",
    ('roles/dataplane/tasks/uninstall.yml', 'Report what the cluster keeps'):
        "a decommission's report of what remains in the cluster",
}
# A template with fewer letters than this outside its %-fields is glue ('%s: %s', ' (%s)').
MIN_LETTERS = 10
FIELD = re.compile(r'%(?:\([^)]*\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?[sdirfgGeExXc]')
PLACEHOLDER = re.compile(r'<[A-Za-z][A-Za-z_ ]*>|…')
API_KEY = 'lsv2_sk_troubleshooting_doc_test_key'


# -- the table ------------------------------------------------------------------------------------

def table_rows():
    """[(line number, [messages of the row's first cell])] of every table headed ``Message``."""
    rows = []
    for number, cells in every_row(guide('troubleshooting'), 'Message'):
        messages = [normalise(span) for span in literals(cells[0])]
        assert messages and len(cells) == 3 and all(cells[1:]), '%s:%d: a row needs a message, a cause and a fix' % (TABLE, number)
        rows.append((number, messages))
    assert rows, '%s has no table headed Message' % TABLE
    return rows


def normalise(text):
    return ' '.join(text.split())


def as_pattern(documented):
    """A documented message as a regex: placeholders match any text."""
    parts = []
    position = 0
    for match in PLACEHOLDER.finditer(documented):
        parts.append(re.escape(documented[position:match.start()]))
        parts.append('.*' if match.group() == '…' else '.+')
        position = match.end()
    parts.append(re.escape(documented[position:]))
    return re.compile(''.join(parts), re.DOTALL)


# -- the collection's own messages ------------------------------------------------------------------

def code_templates():
    """{template: 'file:line'} of every message template in plugins/ (doc fragments are documentation)."""
    found = {}
    for path in sorted(glob.glob(os.path.join(ROOT, 'plugins', '**', '*.py'), recursive=True)):
        if os.sep + 'doc_fragments' + os.sep in path:
            continue
        with open(path, encoding='utf-8') as handle:
            tree = ast.parse(handle.read(), path)
        constants = {target.id: node.value.value for node in tree.body if isinstance(node, ast.Assign)
                     for target in node.targets if isinstance(target, ast.Name)
                     and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)}
        for node, expression in _message_sites(tree):
            for template in _templates(expression, constants):
                fixed = FIELD.sub('', template)
                if len(re.findall(r'[A-Za-z_]', fixed)) >= MIN_LETTERS and template not in NOT_MESSAGES:
                    found.setdefault(normalise(template), '%s:%d' % (os.path.relpath(path, ROOT), node.lineno))
    return found


# Tasks that show a message, and the arguments that hold it.
MESSAGE_TASKS = {'ansible.builtin.fail': ('msg',), 'ansible.builtin.assert': ('fail_msg', 'msg'), 'ansible.builtin.debug': ('msg',)}
COLLECTION_NAME = 'langchain.langsmith.'
FQCN = re.compile(r'^[a-z0-9_]+\.[a-z0-9_]+\.[a-z0-9_]+$')
JINJA = re.compile(r'\{\{.*?\}\}|(\{%.*?%\})', re.DOTALL)
ROOT_VARIABLE = re.compile(r'\{\{\s*([A-Za-z_]\w*)')


def passed_on(module):
    """The row that stands for the messages of ``module``, another collection's module."""
    return '<message of %s>' % module


def yaml_templates():
    """{template: 'file: task'} of every message of the tasks in roles/ and playbooks/ (see the top)."""
    found = {}
    for path in sorted(glob.glob(os.path.join(ROOT, 'roles', '**', '*.yml'), recursive=True)
                       + glob.glob(os.path.join(ROOT, 'playbooks', '*.yml'))):
        with open(path, encoding='utf-8') as handle:
            tasks = list(_tasks(yaml.safe_load(handle)))
        where = os.path.relpath(path, ROOT)
        registered = dict((task['register'], _module_of(task)) for task in tasks if 'register' in task)
        facts = dict(item for task in tasks for item in (task.get('ansible.builtin.set_fact') or {}).items())
        for task in tasks:
            module = _module_of(task)
            here = '%s: %s' % (where, task.get('name'))
            if (where, task.get('name')) in REPORTS:
                continue
            if module and not module.startswith(('ansible.builtin.', COLLECTION_NAME)):
                found.setdefault(passed_on(module), here)
            for argument in MESSAGE_TASKS.get(module, ()):
                message = (task[module] or {}).get(argument)
                if message is None:
                    continue
                template = normalise(JINJA.sub(lambda match: '' if match.group(1) else '%s', str(message)))
                if len(re.findall(r'[A-Za-z_]', FIELD.sub('', template))) >= MIN_LETTERS:
                    if template not in NOT_MESSAGES:
                        found.setdefault(template, here)
                    continue
                source = _source(str(message), registered, facts)
                assert source, '%s: cannot tell where the message %r comes from' % (here, message)
                if source != COLLECTION_NAME:
                    found.setdefault(passed_on(source), here)
    return found


def _tasks(data):
    """Every task (a dict naming a module of the form namespace.collection.module) in ``data``."""
    if isinstance(data, list):
        for item in data:
            yield from _tasks(item)
    elif isinstance(data, dict):
        if _module_of(data):
            yield data
        for value in data.values():
            if isinstance(value, (list, dict)):
                yield from _tasks(value)


def _module_of(task):
    return next((key for key in task if FQCN.match(str(key))), None)


def _source(message, registered, facts):
    """Whose message a message of one expression passes on: COLLECTION_NAME for a module or filter of
    this collection, the name of another collection's module, or None when it cannot be told."""
    match = ROOT_VARIABLE.match(message.strip())
    variable = match.group(1) if match else None
    if variable in registered:
        module = registered[variable]
        return COLLECTION_NAME if module.startswith(COLLECTION_NAME) else module
    if variable in facts and COLLECTION_NAME in str(facts[variable]):
        return COLLECTION_NAME  # a fact that a filter of this collection computes
    return None


def _message_sites(tree):
    """(node, expression) for each expression that can become a message: the message argument of an
    exception, warning or fail_json call, and what a function returns or assigns."""
    functions = [node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, 'attr', None)
            if name and (name in MESSAGE_CALLS or name.endswith(('Error', 'Exception'))):
                for expression in node.args[:1] + [k.value for k in node.keywords if k.arg == 'msg']:
                    yield node, expression
    for function in functions:
        for node in ast.walk(function):
            if isinstance(node, ast.Return) and node.value is not None:
                yield node, node.value
            elif isinstance(node, (ast.Assign, ast.AugAssign)):
                yield node, node.value


def _templates(node, constants):
    """The %-templates an expression can produce (a conditional gives two)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.Name) and node.id in constants:
        yield constants[node.id]
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        yield from _templates(node.left, constants)
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        for left in list(_templates(node.left, constants)) or ['%s']:
            for right in list(_templates(node.right, constants)) or ['%s']:
                yield left + right
    elif isinstance(node, ast.IfExp):
        yield from _templates(node.body, constants)
        yield from _templates(node.orelse, constants)
    elif isinstance(node, ast.JoinedStr):
        yield ''.join(v.value if isinstance(v, ast.Constant) else '%s' for v in node.values)
    elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == 'format'
          and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str)):
        yield re.sub(r'\{[^{}]*\}', '%s', node.func.value.value)


def template_pattern(template):
    """A code template as a regex that finds its instances, fields matching any text (a field
    such as an optional note can be empty)."""
    return re.compile('.*?'.join(re.escape(part) for part in FIELD.split(template)), re.DOTALL)


# -- ansible-core's messages for the modules' options ----------------------------------------------

SUPPORTED_SPEC_KEYWORDS = frozenset(('argument_spec', 'supports_check_mode', 'mutually_exclusive'))
BAD_VALUES = {'int': 'not-a-number', 'float': 'not-a-number', 'bool': 'maybe', 'list': {'not': 'a list'}, 'dict': 'not-a-dict'}


class _Captured(Exception):
    pass


def module_names():
    """The modules that run a main() of their own (not the documentation of an action in plugins/action/)."""
    return sorted(os.path.basename(path)[:-3] for path in glob.glob(os.path.join(ROOT, 'plugins', 'modules', '*.py'))
                  if not os.path.exists(os.path.join(ROOT, 'plugins', 'action', os.path.basename(path))))


def module_spec(module, monkeypatch):
    """The keyword arguments that ``module.main()`` passes to AnsibleModule."""
    captured = {}

    def capture(self, **kwargs):
        captured.update(kwargs)
        raise _Captured()

    with monkeypatch.context() as patch:
        patch.setattr(basic.AnsibleModule, '__init__', capture)
        with patch_module_args({}):
            with pytest.raises(_Captured):
                module.main()
    return captured


def good_value(option):
    """A valid value of an option: a string, or a list of one item whose sub-options are valid."""
    if option.get('options'):
        return [dict((name, good_value(sub)) for name, sub in option['options'].items() if sub.get('required'))]
    return 'a'


def option_cases(options, good, wrap=lambda name, value: {name: value}):
    """(what, args) for each kind of bad value of ``options``; ``wrap`` puts a sub-option's value
    into the option that holds it."""
    cases = []
    for name, option in sorted(options.items()):
        assert 'required_if' not in option, 'teach this test about required_if (%s)' % name
        if option.get('required'):
            cases.append(('%s missing' % name, dict(good, **wrap(name, None))))
        if option.get('choices'):
            cases.append(('%s not a choice' % name, dict(good, **wrap(name, 'not-a-choice'))))
        if option.get('type') in BAD_VALUES:
            cases.append(('%s of the wrong type' % name, dict(good, **wrap(name, BAD_VALUES[option['type']]))))
        if option.get('options'):
            # a list of dicts (a module's listeners) or one dict (a role's langsmith_dataplane_log_access)
            listed = option.get('type') == 'list'
            item = good[name][0] if listed and name in good else {}

            def inside(sub, value, name=name, item=item, listed=listed):
                value = dict((k, v) for k, v in dict(item, **{sub: value}).items() if v is not None)
                return {name: [value] if listed else value}

            unknown = dict(item, no_such_option='x')
            cases.append(('%s item with an unknown option' % name, dict(good, **{name: [unknown] if listed else unknown})))
            cases += option_cases(option['options'], good, inside)
    return [(what, dict((k, v) for k, v in args.items() if v is not None)) for what, args in cases]


def bad_inputs(spec):
    """(what, args) for every kind of bad input the spec can get."""
    unknown = set(spec) - SUPPORTED_SPEC_KEYWORDS
    assert not unknown, 'teach this test to provoke the messages of %s' % sorted(unknown)
    options = spec['argument_spec']
    good = dict((name, good_value(option)) for name, option in options.items() if option.get('required'))
    good['api_key'] = API_KEY
    cases = [('unknown option', dict(good, no_such_option='x'))] + option_cases(options, good)
    for group in spec.get('mutually_exclusive') or ():
        cases.append(('%s together' % '|'.join(group), dict(good, **{name: 'a' for name in group})))
    return cases


def role_argument_errors():
    """{message: what provoked it} for every kind of bad value of every role's variables, as
    ansible-core's validate_argument_spec reports it when the role starts. Only the role's own names
    are validated: ansible-core passes the validator the variables that the argument spec names."""
    messages = {}
    for path in sorted(glob.glob(os.path.join(ROOT, 'roles', '*', 'meta', 'argument_specs.yml'))):
        with open(path, encoding='utf-8') as handle:
            entry_points = yaml.safe_load(handle)['argument_specs']
        for entry_point, spec in entry_points.items():
            options = spec.get('options') or {}
            for what, args in option_cases(options, {}):
                result = ArgumentSpecValidator(options).validate(dict((k, v) for k, v in args.items() if k in options),
                                                                 validate_role_argument_spec=True)
                assert result.error_messages, '%s %s: %s was not reported' % (path, entry_point, what)
                message = 'Validation of arguments failed:\n%s' % '\n'.join(result.error_messages)
                messages.setdefault(normalise(message), 'role %s: %s' % (os.path.basename(os.path.dirname(os.path.dirname(path))), what))
    return messages


def run_module(module, args, capsys):
    with patch_module_args(args):
        with pytest.raises(SystemExit) as exit_info:
            module.main()
    result = json.loads(capsys.readouterr().out)
    return exit_info.value.code, result


@pytest.fixture
def core_messages(monkeypatch, capsys):
    """{message: what provoked it} of ansible-core's messages for the modules' options and the
    libraries the collection checks for."""
    for variable in ('LANGSMITH_API_KEY', 'LANGSMITH_BEARER_TOKEN', 'LANGSMITH_WORKSPACE_ID', 'LANGSMITH_CONTROL_PLANE_URL'):
        monkeypatch.delenv(variable, raising=False)
    messages = {}
    for name in module_names():
        module = importlib.import_module('%s.plugins.modules.%s' % (COLLECTION, name))
        for what, args in bad_inputs(module_spec(module, monkeypatch)):
            code, result = run_module(module, args, capsys)
            assert code != 0 and result.get('failed'), '%s: %s did not fail: %s' % (name, what, result)
            messages.setdefault(normalise(result['msg']), '%s: %s' % (name, what))
    for library in missing_libraries():
        messages[normalise(basic.missing_required_lib(library))] = 'missing library %s' % library
    messages.update(role_argument_errors())
    return messages


def missing_libraries():
    """The library names the collection passes to missing_required_lib()."""
    names = []
    for path in sorted(glob.glob(os.path.join(ROOT, 'plugins', '**', '*.py'), recursive=True)):
        with open(path, encoding='utf-8') as handle:
            tree = ast.parse(handle.read(), path)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, 'id', getattr(node.func, 'attr', None)) == 'missing_required_lib':
                assert isinstance(node.args[0], ast.Constant), '%s:%d: name the library literally' % (path, node.lineno)
                names.append(node.args[0].value)
    return names


# -- the tests ------------------------------------------------------------------------------------

def all_templates():
    """{template: where} of the collection's own messages, in plugins/, roles/ and playbooks/."""
    return dict(yaml_templates(), **code_templates())


def test_the_scan_finds_the_messages_it_must():
    """The code scan is not vacuous: it sees messages of every layer, and of every kind of site."""
    templates = code_templates()
    for expected in ('api_key or bearer_token is required', 'TLS certificate verification failed for %s',
                     'retrying in %.1f s', 'cannot change: listener %s (compute_id %s)', 'does not match the API schema',
                     'cannot connect to %s', 'the organization is not on a self-hosted enterprise plan',
                     'clashes with another cluster of the play'):
        assert any(expected in template for template in templates), expected
    assert sorted(missing_libraries()) == ['pydantic (version 2)', 'requests']


def test_the_yaml_scan_finds_the_messages_it_must():
    """The scan of roles/ and playbooks/ sees an assert's fail_msg, the modules of other collections,
    and traces a message of one expression to the module whose result it reads."""
    templates = yaml_templates()
    assert any(template.startswith('This would decommission every host of %s (%s clusters)') for template in templates)
    assert templates[passed_on('kubernetes.core.helm')].startswith('roles/dataplane/tasks/')
    assert templates[passed_on('kubernetes.core.k8s')].startswith('roles/dataplane/tasks/')
    assert _source("{{ _x.msg | string }}", {'_x': 'kubernetes.core.helm'}, {}) == 'kubernetes.core.helm'
    assert _source("{{ _p.problems }}", {'_p': 'langchain.langsmith.dataplane_plan'}, {}) == COLLECTION_NAME
    assert _source("{{ _m }}", {}, {'_m': "{{ r | langchain.langsmith.mask_secrets(s) }}"}) == COLLECTION_NAME
    assert _source("{{ something }}", {}, {}) is None
    assert any(message.startswith('Validation of arguments failed: value of langsmith_listener_state must be one of')
               for message in role_argument_errors())


def test_every_message_of_the_collection_has_a_row():
    documented = [message for number, messages in table_rows() for message in messages]
    missing = ['%s  (%s)' % (template, where) for template, where in sorted(all_templates().items())
               if not any(template_pattern(template).search(message) for message in documented)]
    assert not missing, TABLE + ' has no row for:\n' + '\n'.join(missing)


def test_every_argument_error_has_a_row(core_messages):
    assert len(core_messages) >= 10
    patterns = [as_pattern(message) for number, messages in table_rows() for message in messages]
    missing = ['%s  (%s)' % (message, what) for message, what in sorted(core_messages.items())
               if not any(pattern.fullmatch(message) for pattern in patterns)]
    assert not missing, TABLE + ' has no row for:\n' + '\n'.join(missing)


def test_every_row_is_a_message_the_collection_produces(core_messages):
    templates = [template_pattern(template) for template in all_templates()]
    stale = []
    for number, messages in table_rows():
        for message in messages:
            if not any(t.search(message) for t in templates) and not any(as_pattern(message).fullmatch(m) for m in core_messages):
                stale.append('%s:%d: %s' % (TABLE, number, message))
    assert not stale, 'rows that match no message of the collection:\n' + '\n'.join(stale)
