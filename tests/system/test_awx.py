# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""AWX / Automation Platform: the execution environment definition, the credential type, and the
inventory plugin and the bootstrap playbook run the way AWX runs them (through ansible-runner).
docs/docsite/rst/awx.rst's commands and outputs are the ones run and compared here."""

import hashlib
import http.server
import io
import json
import os
import re
import shlex
import shutil
import socketserver
import subprocess
import tarfile
import threading
import urllib.request
from unittest import mock

import ansible_runner
import distro
import distro.distro
import pytest
import yaml
from ansible_builder.ee_schema import validate_schema
from bindep.depends import Depends

from ansible_collections.langchain.langsmith.plugins.plugin_utils import _dataplane
from ansible_collections.langchain.langsmith.tests.system import chart
from ansible_collections.langchain.langsmith.tests.system.awx import (
    could_be_inventory, credential_type, injected_env, inventory_update_env, job_artifacts, missing_required, runner_env, ui_form_inputs,
    workflow_node_extra_vars, write_inventory_script)
from ansible_collections.langchain.langsmith.tests.system.harness import BUILD, COLLECTIONS, DEFAULT_LINE, LOGS, MATRIX, ROOT, run, tool_env
from ansible_collections.langchain.langsmith.tests.docs.pages import code_blocks, guide_path, rows, section

pytestmark = pytest.mark.slow

EE_DEFINITION = os.path.join(ROOT, 'extensions', 'ee', 'execution-environment.yml')
AWX_DOC = guide_path('awx')
MODULE_ENV_VARS = {'LANGSMITH_API_KEY', 'LANGSMITH_BEARER_TOKEN', 'LANGSMITH_WORKSPACE_ID', 'LANGSMITH_CONTROL_PLANE_URL',
                   'LANGSMITH_CA_PATH'}
US_CONTROL_PLANE = 'https://api.host.langchain.com'
# Every control plane a credential can name: the hosted regions, and a self-hosted one.
CONTROL_PLANES = {'US': US_CONTROL_PLANE, 'EU': 'https://eu.api.host.langchain.com', 'APAC': 'https://apac.api.host.langchain.com',
                  'AWS US': 'https://aws.api.host.langchain.com', 'self-hosted': 'https://<langsmith-host>/api-host'}


def load(path):
    with open(os.path.join(ROOT, path), encoding='utf-8') as handle:
        return yaml.safe_load(handle)


def awx_doc():
    with open(AWX_DOC, encoding='utf-8') as handle:
        return handle.read()


def doc_blocks():
    """The code blocks of the AWX guide, in order: [(language, text)]."""
    return [(language, body) for language, body, dummy in code_blocks(awx_doc())]


def doc_block(containing):
    """The index and text of the one code block of the AWX guide that contains ``containing``."""
    found = [(index, block[1]) for index, block in enumerate(doc_blocks()) if containing in block[1]]
    assert len(found) == 1, '%s has %d code blocks with %r' % (AWX_DOC, len(found), containing)
    return found[0]


def tarball():
    return os.path.join(BUILD, 'langchain-langsmith-%s.tar.gz' % load('galaxy.yml')['version'])


def version(core):
    return tuple(int(part) for part in core.split('.'))


def test_the_docs_name_the_tests_of_this_module():
    """The AWX guide's "How this is tested" names tests that exist here, and every test here."""
    named = set(re.findall(r'``(test_\w+)``', section(awx_doc(), 'How this is tested')))
    defined = {name for name in globals() if name.startswith('test_')}
    assert named - defined == set(), 'the AWX guide names tests that do not exist'
    assert defined - named - {'test_the_docs_name_the_tests_of_this_module'} == set(), 'the AWX guide does not name these tests'


# -- execution environment -------------------------------------------------------------------

def test_collection_metadata_is_a_valid_version_3_definition():
    meta = load('meta/execution-environment.yml')
    validate_schema(meta)
    assert meta['version'] == 3
    galaxy = load(meta['dependencies']['galaxy'])
    assert [c['name'] for c in galaxy['collections']] == ['kubernetes.core']


@pytest.fixture(scope='module')
def ee_context(tmp_path_factory):
    """The build context that `ansible-builder create -f extensions/ee/execution-environment.yml` writes."""
    validate_schema(load(EE_DEFINITION))
    workdir = tmp_path_factory.mktemp('ee')
    run([DEFAULT_LINE.bin('ansible-builder'), 'create', '-f', EE_DEFINITION, '-c', str(workdir / 'context'),
         '--output-filename', 'Containerfile'], 'ee-create', cwd=str(workdir))
    return workdir / 'context'


def test_ee_build_context(ee_context):
    containerfile = (ee_context / 'Containerfile').read_text()
    requirements = yaml.safe_load((ee_context / '_build' / 'requirements.yml').read_text())
    assert {c['name'] for c in requirements['collections']} == {'langchain.langsmith', 'kubernetes.core'}
    assert 'introspect' in containerfile  # the collections' own Python requirements are resolved in the build
    # A supported base, by its release tag (the base of the AWX project's awx-ee), and the build argument
    # that the AWX guide tells users to pass for a digest or another base.
    assert 'ARG EE_BASE_IMAGE="quay.io/centos/centos:stream9"' in containerfile
    assert 'FROM $EE_BASE_IMAGE AS base' in containerfile
    assert '--build-arg' in run([DEFAULT_LINE.bin('ansible-builder'), 'build', '--help'], 'ee-build-help').stdout
    # Python 3.12 from the distribution, not a virtual environment of the base image
    assert 'ARG PYCMD="/usr/bin/python3.12"' in containerfile and 'ARG PYPKG="python3.12"' in containerfile
    assert 'RUN $PKGMGR install $PYPKG -y' in containerfile
    # ansible-core: exactly the lines the collection is tested on, from requires_ansible to the newest
    oldest, newest = version(MATRIX[0].core), version(MATRIX[-1].core)
    assert load('meta/runtime.yml')['requires_ansible'] == '>=%d.%d.0' % oldest
    assert 'ansible-core>=%d.%d,<%d.%d' % (oldest + (newest[0], newest[1] + 1)) in containerfile
    assert all(line.python_version == '3.12' for line in MATRIX if line.core == MATRIX[-1].core)


def helm_step(containerfile):
    """The RUN instruction of the final stage that installs helm, and the ARGs it reads."""
    final = containerfile[containerfile.index('FROM base AS final'):]
    args = dict(re.findall(r'^ARG (HELM_\w+)=(\S+)$', final, re.MULTILINE))
    (command,) = [line[len('RUN '):] for line in final.splitlines() if line.startswith('RUN ') and 'get.helm.sh' in line]
    return command, args


def stand_in_archive(directory, helm_version, arch):
    """An archive laid out like Helm's release archive, whose helm prints a version; returns its sha256."""
    script = ('#!/bin/sh\necho "%s+gstandin linux/%s"\n' % (helm_version, arch)).encode()
    path = os.path.join(directory, 'helm-%s-linux-%s.tar.gz' % (helm_version, arch))
    with tarfile.open(path, 'w:gz') as archive:
        member = tarfile.TarInfo('linux-%s/helm' % arch)
        member.size, member.mode = len(script), 0o755
        archive.addfile(member, io.BytesIO(script))
    with open(path, 'rb') as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def run_helm_step(workdir, command, env, machine):
    """Run the RUN instruction with /bin/sh -c, as a build does, in a sandbox: `uname -m` says
    ``machine``; curl records each URL and answers from the archives in workdir/served; install puts
    the binary in workdir/bin and records where the build would have put it."""
    stubs, served, bindir, tmp = (os.path.join(workdir, name) for name in ('stubs', 'served', 'bin', 'tmp'))
    shutil.rmtree(tmp, ignore_errors=True)  # a failed build leaves its layer behind; a new one starts afresh
    for directory in (stubs, bindir, tmp):
        os.makedirs(directory, exist_ok=True)
    log = os.path.join(workdir, 'calls.log')
    scripts = {
        'uname': 'if [ "$1" = -m ]; then echo %s; else exec %s "$@"; fi' % (machine, shutil.which('uname')),
        'curl': ('out=; url=\nwhile [ $# -gt 0 ]; do case "$1" in -o) out="$2"; shift 2;; -*) shift;; *) url="$1"; shift;; esac; done\n'
                 'echo "curl $url" >> %s\nname="${url##*/}"\n'
                 '[ -f "%s/$name" ] || { echo "curl: (22) The requested URL returned error: 404" >&2; exit 22; }\n'
                 'cp "%s/$name" "$out"' % (log, served, served)),
        'install': 'echo "install $4" >> %s\nexec %s "$1" "$2" "$3" "%s/${4##*/}"' % (log, shutil.which('install'), bindir),
    }
    for name, body in scripts.items():
        with open(os.path.join(stubs, name), 'w', encoding='utf-8') as handle:
            handle.write('#!/bin/sh\n' + body + '\n')
        os.chmod(os.path.join(stubs, name), 0o755)
    if os.path.exists(log):
        os.remove(log)
    proc = subprocess.run(['/bin/sh', '-c', command], env=dict(env, PATH=os.pathsep.join([stubs, bindir, os.environ['PATH']]), TMPDIR=tmp),
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    calls = open(log, encoding='utf-8').read().splitlines() if os.path.exists(log) else []
    return proc, calls, os.listdir(bindir), os.listdir(tmp)


def test_ee_installs_helm_for_the_build_architecture_and_checks_its_sha256(ee_context, tmp_path):
    """The helm step of the Containerfile, run as a build runs it: Helm's release archive for the
    machine's architecture, verified with sha256sum against the published sum before it is unpacked."""
    command, args = helm_step((ee_context / 'Containerfile').read_text())
    assert set(args) == {'HELM_VERSION', 'HELM_SHA256_AMD64', 'HELM_SHA256_ARM64'}
    helm_version = args['HELM_VERSION']
    # Helm 4: the Helm 4 that the suite renders the chart with (tests/system/chart.py)
    assert helm_version == chart.VERSIONS['4'] == 'v4.1.4'
    assert all(re.fullmatch(r'[0-9a-f]{64}', args[name]) for name in ('HELM_SHA256_AMD64', 'HELM_SHA256_ARM64'))
    assert args['HELM_SHA256_AMD64'] != args['HELM_SHA256_ARM64']
    assert 'sha256sum -c' in command
    os.makedirs(tmp_path / 'served')
    sums = {arch: stand_in_archive(str(tmp_path / 'served'), helm_version, arch) for arch in ('amd64', 'arm64')}
    url = 'https://get.helm.sh/helm-%s-linux-%%s.tar.gz' % helm_version

    # An archive other than the published one: the build fails before anything is unpacked or installed.
    proc, calls, installed, left = run_helm_step(str(tmp_path), command, args, 'x86_64')
    assert proc.returncode != 0, proc.stdout
    assert 'sha256sum: WARNING: 1 computed checksum did NOT match' in proc.stdout
    assert calls == ['curl ' + url % 'amd64'] and installed == []

    # With the sum of the archive served (as --build-arg HELM_SHA256_AMD64=... would set it): installed and run.
    proc, calls, installed, left = run_helm_step(str(tmp_path), command, dict(args, HELM_SHA256_AMD64=sums['amd64']), 'x86_64')
    assert proc.returncode == 0, proc.stdout
    assert calls == ['curl ' + url % 'amd64', 'install /usr/local/bin/helm'] and installed == ['helm']
    assert '%s+gstandin linux/amd64' % helm_version in proc.stdout  # helm version --short
    assert left == []  # the archive and its contents are gone
    os.remove(tmp_path / 'bin' / 'helm')

    # arm64: the arm64 archive, checked against the arm64 sum (the amd64 one is still the published one).
    proc, calls, installed, left = run_helm_step(str(tmp_path), command, dict(args, HELM_SHA256_ARM64=sums['arm64']), 'aarch64')
    assert proc.returncode == 0, proc.stdout
    assert calls == ['curl ' + url % 'arm64', 'install /usr/local/bin/helm']
    assert '%s+gstandin linux/arm64' % helm_version in proc.stdout
    os.remove(tmp_path / 'bin' / 'helm')

    # any other architecture: no download, the build fails saying why
    proc, calls, installed, left = run_helm_step(str(tmp_path), command, args, 's390x')
    assert proc.returncode != 0 and 'no helm release archive for s390x' in proc.stdout
    assert calls == [] and installed == []

    # the AWX guide says the same
    text = ' '.join(awx_doc().split())
    assert '(``sha256sum: WARNING: 1 computed checksum did NOT match``)' in text
    assert '(``no helm release archive for <arch>``)' in text
    assert '``https://get.helm.sh/helm-<version>-linux-<arch>.tar.gz``' in text


OS_RELEASE = {
    'CentOS Stream 9': 'NAME="CentOS Stream"\nVERSION="9"\nID="centos"\nID_LIKE="rhel fedora"\nVERSION_ID="9"\n'
                       'PLATFORM_ID="platform:el9"\nPRETTY_NAME="CentOS Stream 9"\n',
    'RHEL 9': 'NAME="Red Hat Enterprise Linux"\nVERSION="9.6 (Plow)"\nID="rhel"\nID_LIKE="fedora"\nVERSION_ID="9.6"\n'
              'PLATFORM_ID="platform:el9"\nPRETTY_NAME="Red Hat Enterprise Linux 9.6 (Plow)"\n',
    'Fedora 40': 'NAME="Fedora Linux"\nVERSION="40 (Container Image)"\nID=fedora\nVERSION_ID=40\n'
                 'PLATFORM_ID="platform:f40"\nPRETTY_NAME="Fedora Linux 40 (Container Image)"\n',
}


def test_ee_base_gets_no_system_package_of_kubernetes_core(ee_context, tmp_path, monkeypatch):
    """The system packages the build installs: bindep, on the base's platform, over the bindep file that
    ansible-builder writes from the definition's and the collections' requirements."""
    combined = tmp_path / 'bindep.txt'
    run([DEFAULT_LINE.bin('ansible-builder'), 'introspect', '--user-bindep', str(ee_context / '_build' / 'bindep.txt'),
         '--write-bindep', str(combined), COLLECTIONS], 'ee-introspect-bindep')
    packages = {}
    for name, os_release in OS_RELEASE.items():
        path = tmp_path / ('os-release-%s' % name.replace(' ', '-'))
        path.write_text(os_release)
        monkeypatch.setattr(distro.distro, '_distro', distro.LinuxDistribution(
            include_lsb=False, include_uname=False, os_release_file=str(path), distro_release_file=str(tmp_path / 'none')))
        depends = Depends(combined.read_text())
        packages[name] = sorted(rule[0] for rule in depends.active_rules(depends.platform_profiles()))
    assert packages['CentOS Stream 9'] == ['gzip', 'tar']
    assert packages['RHEL 9'] == ['gzip', 'tar']  # ee-minimal's platform (kubernetes.core asks for openshift-clients no more)
    assert packages['Fedora 40'] == ['gzip', 'kubernetes-client', 'tar']  # the former base's


def test_introspection_commands_of_the_docs(tmp_path):
    """The AWX guide's commands, run as written (Galaxy being out of reach, kubernetes.core is put where
    the first command would install it from Galaxy), print what the AWX guide shows."""
    index, commands = doc_block('ansible-builder introspect')
    language, shown = doc_blocks()[index + 1]
    assert language == 'yaml'
    target = tmp_path / 'ee-collections'
    shutil.copytree(os.path.join(COLLECTIONS, 'ansible_collections', 'kubernetes'), target / 'ansible_collections' / 'kubernetes')
    with open(target / 'ansible_collections' / 'kubernetes' / 'core' / 'MANIFEST.json', encoding='utf-8') as handle:
        assert 'With kubernetes.core %s the second prints' % json.load(handle)['collection_info']['version'] in ' '.join(awx_doc().split())
    shutil.copy(tarball(), tmp_path)
    # collections installed elsewhere, as in a user's ~/.ansible/collections
    home = tmp_path / 'home'
    shutil.copytree(os.path.join(COLLECTIONS, 'ansible_collections', 'langchain'), home / '.ansible' / 'collections' / 'ansible_collections' / 'langchain')
    outputs = []
    for line in commands.strip().splitlines():
        words = shlex.split(line.replace('/tmp/ee-collections', str(target)))
        assignments = dict(word.split('=', 1) for word in words if re.match(r'^[A-Z_]+=', word))
        argv = [word for word in words if word.split('=', 1)[0] not in assignments]
        argv[0] = DEFAULT_LINE.bin(argv[0])
        env = tool_env(HOME=str(home), **assignments)
        if 'ANSIBLE_COLLECTIONS_PATH' not in assignments:
            env.pop('ANSIBLE_COLLECTIONS_PATH')
        outputs.append(run(argv, 'ee-doc-%d' % len(outputs), cwd=str(tmp_path), env=env).stdout)
    assert re.search(r"'kubernetes\.core:[0-9.]+' is already installed, skipping", outputs[0])  # resolved as a dependency
    assert (target / 'ansible_collections' / 'langchain' / 'langsmith' / 'MANIFEST.json').exists()
    assert outputs[1].rstrip('\n') == shown.replace('/tmp/ee-collections', str(target)).rstrip('\n')

    # without ANSIBLE_COLLECTIONS_PATH, the collection in ~/.ansible/collections counts as installed
    again = tmp_path / 'again'
    first = shlex.split(commands.strip().splitlines()[0].replace('/tmp/ee-collections', str(again)))
    argv = [DEFAULT_LINE.bin(first[1])] + first[2:]
    env = tool_env(HOME=str(home))
    env.pop('ANSIBLE_COLLECTIONS_PATH')
    assert 'Nothing to do' in run(argv, 'ee-doc-without-path', cwd=str(tmp_path), env=env).stdout
    assert not (again / 'ansible_collections' / 'langchain').exists()


# -- credential type -------------------------------------------------------------------------

def test_credential_type_has_the_shape_awx_takes():
    definition = credential_type()
    assert definition['kind'] == 'cloud' and definition['name']
    fields = {field['id']: field for field in definition['inputs']['fields']}
    assert set(fields) == {'api_key', 'bearer_token', 'workspace_id', 'control_plane_url', 'ca_bundle'}
    assert fields['ca_bundle']['multiline'] and not fields['ca_bundle'].get('secret')
    assert fields['api_key']['secret'] and fields['bearer_token']['secret']
    assert not fields['workspace_id'].get('secret') and not fields['control_plane_url'].get('secret')
    for field in fields.values():
        assert field['type'] == 'string' and field['label']
    assert set(definition['injectors']['env']) == MODULE_ENV_VARS
    # Nothing is required: a credential created through the API without the URL still starts a job.
    assert not definition['inputs'].get('required')
    assert fields['control_plane_url']['default'] == US_CONTROL_PLANE


def test_credential_type_names_every_control_plane():
    help_text = {field['id']: field for field in credential_type()['inputs']['fields']}['control_plane_url']['help_text']
    table = [cells[:2] for cells in rows(awx_doc(), 'control plane')]
    for name, url in CONTROL_PLANES.items():
        assert url in help_text, 'the help text of control_plane_url does not name %s (%s)' % (name, url)
        assert [name + (' (the default)' if url == US_CONTROL_PLANE else ''), '``%s``' % url] in table, name
    assert help_text.startswith('Empty means %s (US).' % US_CONTROL_PLANE)


def test_credential_type_sets_every_variable_the_modules_read():
    """The injectors and the modules' documented environment variables are the same set."""
    proc = run([DEFAULT_LINE.bin('ansible-doc'), '--json', '-t', 'inventory', 'langchain.langsmith.listeners'], 'ansible-doc-inventory')
    options = json.loads(proc.stdout)['langchain.langsmith.listeners']['doc']['options']
    documented = {env['name'] for option in options.values() for env in option.get('env', []) if env['name'].startswith('LANGSMITH_')}
    assert documented == set(credential_type()['injectors']['env'])


def doc_cli_inputs(api_key):
    """The inputs of the credential that the AWX guide creates with the awx CLI."""
    (inputs,) = re.findall(r"awx credentials create .*?--inputs '(\{[^']*\})'", ' '.join(awx_doc().split()))
    return json.loads(inputs.replace('<key>', api_key))


def test_injectors_render_inputs_and_leave_unset_ones_empty():
    # created through the API or the awx CLI: only what was given; AWX starts the job
    api = doc_cli_inputs('k-1')
    assert missing_required(api) == []
    assert injected_env(api) == {'LANGSMITH_API_KEY': 'k-1', 'LANGSMITH_BEARER_TOKEN': '', 'LANGSMITH_WORKSPACE_ID': '',
                                 'LANGSMITH_CONTROL_PLANE_URL': '', 'LANGSMITH_CA_PATH': ''}
    assert injected_env({'api_key': 'k-1', 'workspace_id': 'w-1', 'control_plane_url': ''})['LANGSMITH_CONTROL_PLANE_URL'] == ''
    # created in the UI, whose form starts with the field's default
    assert injected_env(ui_form_inputs({'api_key': 'k-1'}))['LANGSMITH_CONTROL_PLANE_URL'] == US_CONTROL_PLANE


class RefusingProxy(socketserver.ThreadingMixIn, http.server.HTTPServer):
    """An egress proxy on loopback that refuses every request, recording (method, target) of each: where
    a request was going, without it going anywhere."""

    daemon_threads = True

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, format, *args):  # pylint: disable=redefined-builtin
            pass

        def refuse(self):
            self.server.seen.append((self.command, self.path))
            self.send_error(403, 'Forbidden by the egress proxy')

        do_CONNECT = do_GET = do_POST = refuse  # noqa: N815

    def __init__(self):
        super().__init__(('127.0.0.1', 0), self.Handler)
        self.seen = []
        self.url = 'http://127.0.0.1:%d' % self.server_address[1]
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def stop(self):
        self.shutdown()
        self.server_close()


@pytest.fixture
def egress_proxy():
    proxy = RefusingProxy()
    yield proxy
    proxy.stop()


def project_with_source(directory, **options):
    """An AWX project holding the AWX guide's inventory source file (with ``options`` added); returns the
    source's path, as AWX passes it to ansible-inventory."""
    index, text = doc_block('plugin: langchain.langsmith.listeners')
    name = re.match(r'# (\S+\.langsmith_listeners\.yml)\n', text).group(1)
    source = dict(yaml.safe_load(text), **options)
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, name), 'w', encoding='utf-8') as handle:
        yaml.safe_dump(source, handle)
    return os.path.join(directory, name)


def inventory_update(tmp_path, inputs, source, line=DEFAULT_LINE, extra_env=None):
    """An AWX inventory update: ansible-inventory --list --export of the line's execution environment run
    by ansible-runner, with the credential's injected environment and AWX's own inventory update settings."""
    env = dict(injected_env(inputs), **inventory_update_env())
    env.update(runner_env(extra_env))
    with mock.patch.dict(os.environ, PATH=os.path.join(line.venv, 'bin') + os.pathsep + os.environ['PATH']):  # the EE's tools
        return ansible_runner.get_inventory(action='list', inventories=[source], response_format='json', export=True, envvars=env,
                                            private_data_dir=str(tmp_path / ('runner-%s' % line.core)), quiet=True)


def test_empty_control_plane_url_means_the_us_control_plane(egress_proxy, tmp_path, monkeypatch):
    """A credential created with the awx CLI as the AWX guide shows, without a URL: AWX injects
    LANGSMITH_CONTROL_PLANE_URL="", and both an inventory update and a job ask the US control plane.
    (An egress proxy that refuses everything stands in for the internet.)"""
    inputs = doc_cli_inputs('lsv2_sk_not_a_real_key')
    assert injected_env(inputs)['LANGSMITH_CONTROL_PLANE_URL'] == ''
    proxy = {'HTTPS_PROXY': egress_proxy.url, 'NO_PROXY': ''}
    source = project_with_source(str(tmp_path / 'project'), retries=0)
    out, err = inventory_update(tmp_path, inputs, source, extra_env=proxy)
    assert not out and 'Request GET /v2/listeners failed: connection to %s/v2/listeners' % US_CONTROL_PLANE in err, (out, err)

    monkeypatch.setenv('PATH', os.path.join(DEFAULT_LINE.venv, 'bin') + os.pathsep + os.environ['PATH'])  # the EE's tools
    private = tmp_path / 'job'
    (private / 'project').mkdir(parents=True)
    (private / 'project' / 'read.yml').write_text(yaml.safe_dump([{
        'name': 'Read the listeners', 'hosts': 'localhost', 'gather_facts': False,
        'tasks': [{'name': 'Listeners', 'langchain.langsmith.listener_info': {'retries': 0}}]}]))
    env = dict(injected_env(inputs), **runner_env(proxy))
    result = ansible_runner.run(private_data_dir=str(private), playbook='read.yml', envvars=env, quiet=True,
                                inventory='localhost ansible_connection=local ansible_python_interpreter=%s' % DEFAULT_LINE.bin('python'))
    assert result.status == 'failed'
    failures = [event['event_data']['res']['msg'] for event in result.events if event['event'] == 'runner_on_failed']
    assert len(failures) == 1 and 'Request GET /v2/listeners failed: connection to %s/v2/listeners' % US_CONTROL_PLANE in failures[0], failures
    assert egress_proxy.seen == [('CONNECT', 'api.host.langchain.com:443')] * 2


# -- inventory source ------------------------------------------------------------------------

def test_inventory_plugin_through_ansible_inventory(shared_emulator, ids, tmp_path):
    shared_emulator.reset()
    shared_emulator.seed(140)
    env = tool_env(**injected_env({'api_key': ids['api_key'], 'control_plane_url': shared_emulator.url}))
    source = project_with_source(str(tmp_path / 'project'))
    out = run([DEFAULT_LINE.bin('ansible-inventory'), '-i', source, '--list'], 'inventory-list', env=env).stdout
    data = json.loads(out)
    assert len(data['langsmith_clusters']['hosts']) == 140
    assert len(data['_meta']['hostvars']) == 140
    assert ids['api_key'] not in out


def test_inventory_file_list_does_not_offer_the_source(tmp_path):
    """AWX offers the files of a project that could be inventories (awx.could_be_inventory), and the
    source file is not one of them: the AWX guide says to type its path."""
    project = str(tmp_path / 'project')
    source = project_with_source(project)
    for name, text in (('hosts', 'web1\n'), ('inventory.ini', '[web]\nweb1\n'), ('site.yml', '- hosts: all\n')):
        with open(os.path.join(project, name), 'w', encoding='utf-8') as handle:
            handle.write(text)
    offered = sorted(name for name in os.listdir(project) if could_be_inventory(project, name))
    assert offered == ['hosts', 'inventory.ini']
    text = ' '.join(awx_doc().split())
    assert 'Type the file\'s path in the project into the field, ``%s``' % os.path.basename(source) in text


def test_inventory_source_through_ansible_runner(shared_emulator, ids, tmp_path):
    """An AWX inventory update, in a workspace of more than 100 listeners."""
    shared_emulator.reset()
    shared_emulator.seed(120)
    source = project_with_source(str(tmp_path / 'project'))
    out, err = inventory_update(tmp_path, {'api_key': ids['api_key'], 'control_plane_url': shared_emulator.url}, source)
    assert len(out['langsmith_clusters']['hosts']) == 120, err
    assert ids['api_key'] not in json.dumps(out) + (err or '')


def create_listener(emulator, api_key, compute_id, namespaces, listener_version):
    body = json.dumps({'compute_type': 'k8s', 'compute_id': compute_id, 'compute_config': {'k8s_namespaces': namespaces},
                       'version': listener_version}).encode()
    request = urllib.request.Request(emulator.url + '/v2/listeners', data=body, method='POST',
                                     headers={'Content-Type': 'application/json', 'X-Api-Key': api_key})
    with urllib.request.urlopen(request, timeout=30) as answer:  # nosec - the emulator on loopback
        return json.loads(answer.read())


@pytest.fixture(scope='module')
def stored_inventory(shared_emulator, ids, tmp_path_factory):
    """What AWX stores of an inventory update on each line of the matrix, for the AWX guide's example
    listener: {core: (inventory, listener)}."""
    shared_emulator.reset()
    example = json.loads(doc_block('"__ansible_unsafe"')[1])
    listener = create_listener(shared_emulator, ids['api_key'], 'prod-eu-1', [item['__ansible_unsafe'] for item in example['langsmith_k8s_namespaces']],
                               example['langsmith_listener_version']['__ansible_unsafe'])
    tmp_path = tmp_path_factory.mktemp('stored')
    source = project_with_source(str(tmp_path / 'project'))
    stored = {}
    for line in (MATRIX[0], DEFAULT_LINE, MATRIX[-1]):
        out, err = inventory_update(tmp_path, {'api_key': ids['api_key'], 'control_plane_url': shared_emulator.url}, source, line=line)
        assert out and 'prod-eu-1' in out['_meta']['hostvars'], err
        stored[line.core] = out
    return stored, listener, example


def test_inventory_update_stores_unsafe_markers_on_every_line(stored_inventory):
    """The AWX guide's example is what an inventory update yields for that listener, on every ansible-core line:
    the plugin marks every value from the API unsafe."""
    stored, listener, example = stored_inventory
    example = dict(example, langsmith_listener_id={'__ansible_unsafe': listener['id']})
    for core, inventory in stored.items():
        assert inventory['_meta']['hostvars']['prod-eu-1'] == example, core
    text = ' '.join(awx_doc().split())
    assert 'The plugin marks every value it read from the API as unsafe' in text
    assert 'on every ansible-core line from 2.16' in text


@pytest.mark.parametrize('line', [MATRIX[0], MATRIX[-1]], ids=str)
def test_jobs_read_stored_unsafe_markers_as_plain_strings(stored_inventory, line, tmp_path, monkeypatch):
    """A job on the oldest and the newest line, given the inventory AWX stored from a 2.19 update the way
    AWX gives it (an inventory script): the host variables are the plain strings."""
    stored, listener = stored_inventory[:2]
    monkeypatch.setenv('PATH', os.path.join(line.venv, 'bin') + os.pathsep + os.environ['PATH'])  # the EE's tools
    private = tmp_path / 'job'
    (private / 'project').mkdir(parents=True)
    (private / 'inventory').mkdir()
    write_inventory_script(str(private / 'inventory' / 'hosts'), stored[DEFAULT_LINE.core])
    (private / 'project' / 'use.yml').write_text(yaml.safe_dump([{
        'name': 'Use the inventory', 'hosts': 'langsmith_clusters', 'gather_facts': False, 'connection': 'local',
        'tasks': [{'name': 'The host variables are strings', 'ansible.builtin.assert': {'that': [
            'langsmith_listener_id is string', 'langsmith_listener_id == %r' % listener['id'],
            'langsmith_k8s_namespaces == %r' % listener['compute_config']['k8s_namespaces'],
            'langsmith_k8s_namespaces | map("type_debug") | reject("search", "str|Text") | list == []',
            'langsmith_listener_version == %r' % listener['version']]}}]}]))
    result = ansible_runner.run(private_data_dir=str(private), playbook='use.yml', quiet=True,
                                envvars=runner_env({'ANSIBLE_PYTHON_INTERPRETER': line.bin('python')}))
    assert result.status == 'successful', result.stdout.read()
    assert result.stats['ok'] == {'prod-eu-1': 1}


# -- job templates ---------------------------------------------------------------------------

SURVEY = os.path.join(ROOT, 'extensions', 'awx', 'survey_bootstrap.json')
ROLE_SPEC = os.path.join(ROOT, 'roles', 'dataplane', 'meta', 'argument_specs.yml')
# Variables of the playbook itself, not of the role.
PLAYBOOK_VARIABLES = {'langsmith_hosts': {'type': 'str', 'default': 'langsmith_clusters'}}
SURVEY_TYPES = {'text': ('str', 'path'), 'textarea': ('str',), 'password': ('str',), 'integer': ('int',),
                'float': ('float',), 'multiplechoice': ('str', 'bool'), 'multiselect': ('list',)}
CLUSTERS = {'awx-eu-1': ['agents-eu'], 'awx-us-1': ['agents-us'], 'awx-ap-1': ['agents-ap', 'batch-ap']}


def survey():
    with open(SURVEY, encoding='utf-8') as handle:
        return json.load(handle)


def survey_answers(**answers):
    """The extra variables AWX passes for a survey: every question, defaults where not answered."""
    values = {question['variable']: question.get('default', '') for question in survey()['spec']}
    values.update(answers)
    return values


def test_survey_matches_the_role_argument_specs():
    options = load(ROLE_SPEC)['argument_specs']['main']['options']
    spec = survey()
    assert spec['name'] and spec['description']
    for question in spec['spec']:
        for key in ('question_name', 'variable', 'type', 'required'):
            assert key in question, '%s has no %s' % (question.get('variable'), key)
        variable = question['variable']
        option = options.get(variable) or PLAYBOOK_VARIABLES.get(variable)
        assert option, '%s is neither an input of the role nor a variable of the playbook' % variable
        assert option['type'] in SURVEY_TYPES[question['type']], '%s: survey type %s for a %s' % (variable, question['type'], option['type'])
        if question['type'] == 'multiplechoice':
            expected = ['false', 'true'] if option['type'] == 'bool' else option['choices']
            assert sorted(question['choices']) == sorted(expected), variable
        if 'default' in option and question.get('default') not in ('', None):
            assert str(question['default']).lower() == str(option['default']).lower(), variable
        assert not option.get('no_log'), '%s is a secret: it belongs in the credential, not the survey' % variable


def test_survey_answers_as_awx_sends_them_change_nothing_the_inventory_sets_per_cluster(tmp_path):
    """Survey answers are extra variables, which beat the inventory: the survey asks only for job-wide variables
    (langsmith_hosts and the role's langsmith_job_*), and the role's job-wide variables, at the survey's defaults
    (required ones) and blank (optional ones, as many AWX versions send them), leave each cluster's own values."""
    options = load(ROLE_SPEC)['argument_specs']['main']['options']
    variables = [question['variable'] for question in survey()['spec']]
    assert set(variables) - set(PLAYBOOK_VARIABLES) == set(name for name in options if name.startswith('langsmith_job_'))
    inventory = tmp_path / 'inventory.yml'
    role = os.path.join(ROOT, 'roles', 'dataplane')
    defaults = load(os.path.join(role, 'defaults', 'main.yml'))  # the lowest precedence: below the inventory's host vars
    inventory.write_text(yaml.safe_dump({'all': {'vars': defaults}, 'langsmith_clusters': {'hosts': {
        'one': {'langsmith_listener_version': '0.12.0', 'langsmith_dataplane_install': True, 'langsmith_dataplane_chart_version': '0.2.21'},
        'two': {'langsmith_dataplane_release_namespace': 'dataplane-two'}}}}))
    # each cluster's variables as the role's plan reads them (Ansible's precedence: extra variables over the inventory),
    # and what the plan makes of them (plugin_utils/_dataplane.py)
    names = ('langsmith_listener_version', 'langsmith_job_listener_version', 'langsmith_dataplane_install',
             'langsmith_job_dataplane_install', 'langsmith_dataplane_chart_version', 'langsmith_job_dataplane_chart_version',
             'langsmith_dataplane_release_namespace', 'langsmith_dataplane_release_name')
    play = tmp_path / 'play.yml'
    play.write_text(yaml.safe_dump([{
        'hosts': 'langsmith_clusters', 'gather_facts': False,
        'tasks': [{'ansible.builtin.copy': {
            'content': '{{ %s | to_json }}' % ('{' + ', '.join('"%s": %s | default(none)' % (name, name) for name in names) + '}'),
            'dest': str(tmp_path) + '/{{ inventory_hostname }}.json'}, 'delegate_to': 'localhost'}]}]))
    answers = tmp_path / 'answers.json'

    def asks(inputs):
        inputs = dict((name, value) for name, value in inputs.items() if value is not None)
        request = _dataplane.cluster_request('h', inputs, {})
        return {'version': request['version'], 'install': request['install'],
                'chart_version': _dataplane.job_value(inputs, 'langsmith_job_dataplane_chart_version',
                                                      'langsmith_dataplane_chart_version') or '',
                'release_namespace': inputs['langsmith_dataplane_release_namespace']}

    def seen(extravars):
        answers.write_text(json.dumps(extravars))
        run([DEFAULT_LINE.bin('ansible-playbook'), str(play), '-i', str(inventory), '-e', '@%s' % answers], 'awx-survey-answers',
            env=tool_env())
        return dict((host, asks(json.loads((tmp_path / ('%s.json' % host)).read_text()))) for host in ('one', 'two'))

    own = {'one': {'version': '0.12.0', 'install': True, 'chart_version': '0.2.21', 'release_namespace': 'langgraph-dataplane'},
           'two': {'version': '', 'install': False, 'chart_version': '', 'release_namespace': 'dataplane-two'}}
    assert seen({}) == own
    assert seen(survey_answers()) == own  # required questions at their defaults, optional ones blank
    answered = seen(survey_answers(langsmith_job_listener_version='0.13.0', langsmith_job_dataplane_install='false',
                                   langsmith_job_dataplane_chart_version='0.2.22'))
    assert answered == dict((host, dict(values, version='0.13.0', install=False, chart_version='0.2.22'))
                            for host, values in own.items())


def awx_job(tmp_path, emulator, ids, name, extravars, check=False, diff=False, playbook='bootstrap.yml'):
    """A job of a job template for bootstrap_cluster (or for another ``playbook`` of the project), as AWX
    runs it: ansible-runner, the credential's injected environment, the survey's extra variables, an
    inventory of several clusters."""
    private = tmp_path / 'job'
    (private / 'project').mkdir(parents=True, exist_ok=True)
    (private / 'project' / 'bootstrap.yml').write_text('---\n- name: Bootstrap\n  ansible.builtin.import_playbook: langchain.langsmith.bootstrap_cluster\n')
    (private / 'inventory').mkdir(exist_ok=True)
    hosts = {name_: {'langsmith_k8s_namespaces': namespaces, 'ansible_connection': 'local'} for name_, namespaces in CLUSTERS.items()}
    inventory = {'langsmith_clusters': {'hosts': hosts}, 'all': {'vars': {'ansible_python_interpreter': DEFAULT_LINE.bin('python')}}}
    (private / 'inventory' / 'hosts.yml').write_text(yaml.safe_dump(inventory))
    env = dict(injected_env({'api_key': ids['api_key'], 'control_plane_url': emulator.url}))
    env.update(runner_env())
    cmdline = ' '.join(option for option, on in (('--check', check), ('--diff', diff)) if on)
    result = ansible_runner.run(private_data_dir=str(private), playbook=playbook, ident=name, extravars=extravars,
                                envvars=env, cmdline=cmdline or None, quiet=True, suppress_env_files=True)
    return result, private / 'artifacts' / name


def artifact_texts(artifacts):
    """{path: text} of every artifact file but `command`, the one ansible-runner writes with the job's
    whole environment (mode 0600; AWX deletes a job's private data directory after the job)."""
    texts = {}
    for path in artifacts.rglob('*'):
        if path.is_file() and path.name != 'command':
            texts[str(path)] = path.read_text(errors='replace')
    assert os.stat(artifacts / 'command').st_mode & 0o077 == 0
    return texts


def test_bootstrap_job_template_through_ansible_runner(emulator, ids, tmp_path, monkeypatch):
    monkeypatch.setenv('PATH', os.path.join(DEFAULT_LINE.venv, 'bin') + os.pathsep + os.environ['PATH'])  # the EE's tools
    key = ids['api_key']

    check, artifacts_check = awx_job(tmp_path, emulator, ids, 'check', survey_answers(langsmith_job_listener_version='0.12.0'),
                                     check=True, diff=True)
    assert check.status == 'successful', check.stdout.read()
    assert sorted(check.stats['changed']) == sorted(CLUSTERS)
    assert emulator.listeners() == []
    assert [e for e in emulator.stats()['log'] if e['method'] != 'GET'] == []

    first, artifacts_first = awx_job(tmp_path, emulator, ids, 'first', survey_answers(langsmith_job_listener_version='0.12.0'))
    assert first.status == 'successful', first.stdout.read()
    assert sorted(first.stats['changed']) == sorted(CLUSTERS)
    stored = {listener['compute_id']: listener for listener in emulator.listeners()}
    assert sorted(stored) == sorted(CLUSTERS)
    assert all(listener['version'] == '0.12.0' for listener in stored.values())

    # The survey's empty answer for the version leaves each cluster's own: here, unmanaged.
    second, artifacts_second = awx_job(tmp_path, emulator, ids, 'second', survey_answers())
    assert second.status == 'successful', second.stdout.read()
    assert second.stats['changed'] == {}
    assert sorted(second.stats['ok']) == sorted(CLUSTERS)
    assert all(listener['version'] == '0.12.0' for listener in emulator.listeners())

    for artifacts in (artifacts_check, artifacts_first, artifacts_second):
        texts = artifact_texts(artifacts)
        assert any(name.endswith('stdout') for name in texts) and any('job_events' in name for name in texts)
        leaked = [name for name, text in texts.items() if key in text]
        assert not leaked, 'the API key is in %s' % leaked


def stats_artifact_data(result):
    """The ``artifact_data`` of the job's playbook_on_stats event, where ansible-runner puts the job's set_stats data."""
    (stats,) = [event for event in result.events if event['event'] == 'playbook_on_stats']
    return stats['event_data']['artifact_data']


def test_set_stats_passes_the_listener_ids_to_the_next_node_of_a_workflow(emulator, ids, tmp_path, monkeypatch):
    """A workflow: the bootstrap job template with the AWX guide's variables, then a job template of the
    AWX guide's playbook, given the first job's artifacts as AWX gives them to the next node."""
    monkeypatch.setenv('PATH', os.path.join(DEFAULT_LINE.venv, 'bin') + os.pathsep + os.environ['PATH'])  # the EE's tools
    section_text = section(awx_doc(), 'Pass the listener IDs to the next node of a workflow')
    template_vars = yaml.safe_load(doc_block('langsmith_dataplane_set_stats: true')[1])
    assert template_vars == {'langsmith_dataplane_set_stats': True}
    # the job template's variables, with the survey's answers over them
    publishing = dict(template_vars, **survey_answers(langsmith_job_listener_version='0.12.0'))

    # a Check job, before the listeners exist: each cluster, with no ID yet
    check, artifacts_check = awx_job(tmp_path, emulator, ids, 'check', publishing, check=True)
    assert check.status == 'successful', check.stdout.read()
    assert emulator.listeners() == []
    assert job_artifacts(check.events) == stats_artifact_data(check) == {'langsmith_listener_ids': {cluster: None for cluster in CLUSTERS}}
    assert 'In a Check job, a cluster whose listener does not exist yet has the ID ``null``' in ' '.join(section_text.split())

    # without the variable: no artifacts
    plain, artifacts_plain = awx_job(tmp_path, emulator, ids, 'plain', survey_answers(langsmith_job_listener_version='0.12.0'))
    assert plain.status == 'successful', plain.stdout.read()
    assert stats_artifact_data(plain) == {} and job_artifacts(plain.events) == {}
    stored = {listener['compute_id']: listener['id'] for listener in emulator.listeners()}
    assert sorted(stored) == sorted(CLUSTERS)

    # with it: every cluster's listener ID, as the control plane stores it
    first, artifacts_first = awx_job(tmp_path, emulator, ids, 'first', publishing)
    assert first.status == 'successful', first.stdout.read()
    assert stats_artifact_data(first) == {'langsmith_listener_ids': stored}
    artifacts = job_artifacts(first.events)
    assert artifacts == {'langsmith_listener_ids': stored}

    # a play with serial, one cluster a batch: the task runs once per batch, and the batches add up
    shutil.copy(os.path.join(ROOT, 'examples', 'rolling-upgrade.yml'), tmp_path / 'job' / 'project')
    serial, artifacts_serial = awx_job(tmp_path, emulator, ids, 'serial', dict(publishing, batch_size=1), playbook='rolling-upgrade.yml')
    assert serial.status == 'successful', serial.stdout.read()
    published = [event for event in serial.events if event['event'] == 'runner_on_ok'
                 and event['event_data']['task'] == 'Publish the listener IDs']
    assert len(published) == len(CLUSTERS)  # one per batch
    assert job_artifacts(serial.events) == {'langsmith_listener_ids': stored}
    assert emulator.listeners() and {listener['compute_id']: listener['id'] for listener in emulator.listeners()} == stored

    # the next node: the AWX guide's playbook, in a job given the artifacts as extra variables
    dummy, text = doc_block('langsmith_listener_ids | dict2items')
    name = re.match(r'# (\S+\.yml)\n', text).group(1)
    private = tmp_path / 'next'
    (private / 'project').mkdir(parents=True)
    (private / 'project' / name).write_text(text)
    extravars = workflow_node_extra_vars([artifacts])
    assert extravars == {'langsmith_listener_ids': stored}
    following = ansible_runner.run(private_data_dir=str(private), playbook=name, ident='next', extravars=extravars, quiet=True,
                                   envvars=runner_env(), suppress_env_files=True,
                                   inventory='localhost ansible_connection=local ansible_python_interpreter=%s' % DEFAULT_LINE.bin('python'))
    assert following.status == 'successful', following.stdout.read()
    printed = sorted(event['event_data']['res']['msg'] for event in following.events if event['event'] == 'runner_item_on_ok')
    assert printed == sorted('%s has the listener %s' % item for item in stored.items())

    for directory in (artifacts_check, artifacts_plain, artifacts_first, artifacts_serial, private / 'artifacts' / 'next'):
        leaked = [path for path, content in artifact_texts(directory).items() if ids['api_key'] in content]
        assert not leaked, 'the API key is in %s' % leaked


# -- job slicing: job_slice_count 2 --------------------------------------------------------------
#
# AWX job slicing: a job template with job_slice_count 2 runs bootstrap_cluster twice at once, each
# run on its slice of the inventory (AWX gives slice k of n the hosts k, k+n, k+2n, ... of the
# inventory, in order). Both slices converge every cluster exactly once: one create per cluster, no
# create answered 409, every listener with its namespaces; each cluster reports changed in its own
# slice's recap, and a rerun of both slices at once writes nothing. The namespace checks of each slice
# are made against the workspace as listed: a cluster of slice 2 asking for a namespace that slice 1
# registered fails, before any write of slice 2.

SLICED_CLUSTERS = ['cluster-%02d' % number for number in range(40)]
SLICES = 2


def awx_slice(hosts, number, count):
    """The hosts of slice ``number`` (1-based) of ``count``, as AWX slices an inventory."""
    return hosts[number - 1::count]


def write_slice(workdir, number, hosts, namespaces):
    path = os.path.join(str(workdir), 'slice-%d.yml' % number)
    group = {'hosts': {host: {'langsmith_k8s_namespaces': namespaces[host]} for host in hosts}}
    with open(path, 'w', encoding='utf-8') as handle:
        yaml.safe_dump({'langsmith_clusters': group}, handle)
    return path


def run_slices(emulator, ids, inventories, name):
    """bootstrap_cluster on every slice at once; [(exit code, output)] per slice."""
    env = tool_env(LANGSMITH_API_KEY=ids['api_key'], LANGSMITH_CONTROL_PLANE_URL=emulator.url)
    os.makedirs(LOGS, exist_ok=True)
    logs = [os.path.join(LOGS, '%s-slice-%d.log' % (name, number)) for number in range(1, len(inventories) + 1)]
    procs = []
    for inventory, log in zip(inventories, logs):
        with open(log, 'w', encoding='utf-8') as handle:  # the child keeps its own copy of the file
            procs.append(subprocess.Popen(  # pylint: disable=consider-using-with
                [DEFAULT_LINE.bin('ansible-playbook'), 'langchain.langsmith.bootstrap_cluster', '-i', inventory, '-f', '10'],
                env=env, stdout=handle, stderr=subprocess.STDOUT))
    outcomes = []
    for proc, log in zip(procs, logs):
        code = proc.wait(timeout=600)
        with open(log, encoding='utf-8') as handle:
            outcomes.append((code, handle.read()))
    return outcomes


def slice_recap(output):
    return {host: int(changed) for host, changed in re.findall(r'^(\S+)\s+: ok=\d+\s+changed=(\d+)\s+unreachable=0\s+failed=0', output, re.M)}


def test_two_slices_at_once_converge_every_cluster_exactly_once(emulator, ids, tmp_path):
    namespaces = {host: ['ns-%s' % host, 'batch-%s' % host] for host in SLICED_CLUSTERS}
    slices = [awx_slice(SLICED_CLUSTERS, number, SLICES) for number in range(1, SLICES + 1)]
    assert slices[0][:2] == ['cluster-00', 'cluster-02'] and slices[1][:2] == ['cluster-01', 'cluster-03']
    inventories = [write_slice(tmp_path, number, hosts, namespaces) for number, hosts in enumerate(slices, 1)]

    outcomes = run_slices(emulator, ids, inventories, 'slicing-first')
    for (code, output), hosts in zip(outcomes, slices):
        assert code == 0, output[-3000:]
        assert slice_recap(output) == {host: 1 for host in hosts}
    counts = emulator.stats()['counts']
    assert counts['POST /v2/listeners'] == len(SLICED_CLUSTERS)
    assert [entry for entry in emulator.stats()['log'] if entry['status'] == 409] == []
    assert set(counts) == {'GET /v2/listeners', 'POST /v2/listeners'} and counts['GET /v2/listeners'] == SLICES
    held = {listener['compute_id']: sorted(listener['compute_config']['k8s_namespaces']) for listener in emulator.listeners()}
    assert held == {host: sorted(names) for host, names in namespaces.items()}

    emulator.call('POST', '/stats/reset')
    outcomes = run_slices(emulator, ids, inventories, 'slicing-rerun')
    for (code, output), hosts in zip(outcomes, slices):
        assert code == 0 and slice_recap(output) == {host: 0 for host in hosts}, output[-3000:]
    assert emulator.stats()['counts'] == {'GET /v2/listeners': SLICES}


def test_a_namespace_of_another_slice_is_found_in_the_listing(emulator, ids, tmp_path):
    first = write_slice(tmp_path, 1, ['cluster-a'], {'cluster-a': ['shared']})
    second = write_slice(tmp_path, 2, ['cluster-b', 'cluster-c'], {'cluster-b': ['shared'], 'cluster-c': ['c']})
    (code, dummy), = run_slices(emulator, ids, [first], 'slicing-first-of-two')
    assert code == 0
    emulator.call('POST', '/stats/reset')
    (code, output), = run_slices(emulator, ids, [second], 'slicing-second-of-two')
    assert code != 0
    assert 'namespace shared is already served by the listener of compute_id cluster-a' in output
    assert emulator.stats()['counts'] == {'GET /v2/listeners': 1}
    assert [listener['compute_id'] for listener in emulator.listeners()] == ['cluster-a']
