# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Create, through the API, listeners that anyone who may write one could: one whose version and
namespace hold Jinja that creates a marker file when templated, and some whose compute ID cannot be
a host name (Jinja among them). Writes what the checks expect: EXPECTED (JSON) and VARS (YAML, each
value marked !unsafe so that the play compares the text itself).

usage: hostile.py URL API_KEY MARKER EXPECTED VARS
"""

import json
import sys
import urllib.request

NAME = 'hostile-1'
UNUSABLE = ['', 'all', 'ungrouped', 'localhost', 'langsmith_clusters', 'two words', 'red\x1b[31m']


def create(url, key, compute_id, namespaces, version=None):
    body = {'compute_type': 'k8s', 'compute_id': compute_id, 'compute_config': {'k8s_namespaces': namespaces}, 'version': version}
    request = urllib.request.Request(url + '/v2/listeners', data=json.dumps(body).encode(), method='POST',
                                     headers={'X-Api-Key': key, 'Content-Type': 'application/json'})
    with urllib.request.urlopen(request) as answer:
        return json.load(answer)


def main(url, key, marker, expected_path, vars_path):
    version = "{{ lookup('ansible.builtin.pipe', 'touch %s-version') }}" % marker
    namespace = "{{ lookup('ansible.builtin.pipe', 'touch %s-namespace') }}" % marker
    create(url, key, NAME, [namespace], version)
    # Jinja in a compute ID, without white space (that would be skipped for its own reason): ${IFS} is the shell's blank.
    unusable = UNUSABLE + ["{{lookup('ansible.builtin.pipe','touch${IFS}%s-name')}}" % marker]
    skipped = [create(url, key, compute_id, ['skipped-%d' % number])['id'] for number, compute_id in enumerate(unusable)]
    with open(expected_path, 'w', encoding='utf-8') as handle:
        json.dump({'name': NAME, 'version': version, 'namespace': namespace, 'skipped': skipped}, handle)
    with open(vars_path, 'w', encoding='utf-8') as handle:
        for variable, value in (('expected_version', version), ('expected_namespace', namespace)):
            handle.write('%s: !unsafe %s\n' % (variable, json.dumps(value)))


if __name__ == '__main__':
    main(*sys.argv[1:])
