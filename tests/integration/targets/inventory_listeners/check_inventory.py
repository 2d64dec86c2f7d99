# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the JSON of `ansible-inventory --list` built by the listeners plugin.

usage: check_inventory.py INVENTORY_JSON
       check_inventory.py hostile INVENTORY_JSON STDERR EXPECTED MARKER   (after hostile.py)
"""

import glob
import json
import re
import sys


def plain(value):
    """ansible-core 2.19 and later mark values from inventory plugins as unsafe in --list."""
    if isinstance(value, dict) and set(value) == {'__ansible_unsafe'}:
        return value['__ansible_unsafe']
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def main(path):
    with open(path, encoding='utf-8') as handle:
        data = json.load(handle)
    hostvars = data['_meta']['hostvars']
    assert len(hostvars) == 132, len(hostvars)
    assert len(data['langsmith_clusters']['hosts']) == 132
    assert sorted(data['langsmith_namespace_agents']['hosts']) == ['prod-eu-1']
    assert sorted(data['langsmith_namespace_agents_batch']['hosts']) == ['prod-eu-1']
    assert sorted(data['langsmith_namespace_agents_us']['hosts']) == ['prod-us-1']
    assert sorted(data['listener_version_0_12_0']['hosts']) == ['prod-eu-1', 'prod-us-1']
    assert len(data['listener_version_unversioned']['hosts']) == 130
    eu = hostvars['prod-eu-1']
    assert plain(eu['langsmith_k8s_namespaces']) == ['agents', 'agents-batch']
    assert plain(eu['langsmith_listener_version']) == '0.12.0'
    assert len(plain(eu['langsmith_listener_id'])) == 36
    assert plain(hostvars['seed-00042']['langsmith_k8s_namespaces']) == ['seed-00042-ns']
    print('inventory ok: %d hosts' % len(hostvars))


def check_hostile(inventory_path, stderr_path, expected_path, marker):
    """After hostile.py: the Jinja is there as text in the host's variables and its keyed group's name,
    nothing ran, and each listener whose compute ID cannot be a host name (Jinja among them) was skipped
    with a warning naming it (STDERR: what ansible-inventory printed)."""
    with open(inventory_path, encoding='utf-8') as handle:
        data = json.load(handle)
    with open(stderr_path, encoding='utf-8') as handle:
        warnings = ''.join(handle.read().split())  # Ansible wraps a long warning over lines, at spaces and hyphens
    with open(expected_path, encoding='utf-8') as handle:
        expected = json.load(handle)
    hostvars = data['_meta']['hostvars']
    assert len(hostvars) == 133, sorted(hostvars)  # 132 from seed.yml, the hostile one; none of the unusable
    assert expected['name'] in data['langsmith_clusters']['hosts']
    variables = hostvars[expected['name']]
    assert plain(variables['langsmith_listener_version']) == expected['version']
    assert plain(variables['langsmith_k8s_namespaces']) == [expected['namespace']]
    keyed = [group for group in data if group.startswith('listener_version_') and 'lookup' in group]
    assert len(keyed) == 1 and re.fullmatch(r'\w+', keyed[0], re.ASCII), keyed
    assert data[keyed[0]]['hosts'] == [expected['name']]
    for listener_id in expected['skipped']:
        assert 'listener%sskipped:itscompute_id' % listener_id in warnings, (listener_id, warnings)
    assert "itscompute_id'red\\x1b[31m'holdswhitespace" in warnings and '\x1b' not in warnings
    assert 'holdsJinja,whichansible-corebefore2.19wouldrunwhereverthehostnameisused' in warnings
    assert not glob.glob(marker + '-*'), glob.glob(marker + '-*')


if __name__ == '__main__':
    if sys.argv[1] == 'hostile':
        check_hostile(*sys.argv[2:])
    else:
        main(sys.argv[1])
