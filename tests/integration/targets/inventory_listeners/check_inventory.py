# -*- coding: utf-8 -*-
# Copyright (c) 2026 LangChain, Inc.
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the JSON of `ansible-inventory --list` built by the listeners plugin."""

import json
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


if __name__ == '__main__':
    main(sys.argv[1])
