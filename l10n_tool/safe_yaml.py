"""YAML read with PyYAML's safe loader, bounded: aliases may not expand a document by more
than ``MAX_ALIAS_NODES`` nodes (a "billion laughs" document is refused, never expanded) nor
make a structure that holds itself, and a timestamp that is no real date (``2026-13-45``)
stays a string instead of raising."""

from __future__ import annotations

import yaml

MAX_ALIAS_NODES = 10_000  # nodes that aliases may add to one document, counted as expanded
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class SafeLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that counts the nodes each alias stands for, expanded, and refuses a
    document whose aliases add more than ``MAX_ALIAS_NODES``, or an alias inside its own anchor
    (a structure that holds itself has no end to expand)."""

    def __init__(self, stream):
        super().__init__(stream)
        self._alias_budget = MAX_ALIAS_NODES
        self._open_anchors: set[str] = set()  # anchors of the nodes being composed

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            node = self.anchors.get(event.anchor)
            if event.anchor in self._open_anchors:
                raise yaml.composer.ComposerError(
                    None, None, f"alias *{event.anchor} is inside the node it stands for", event.start_mark)
            if node is not None:
                self._alias_budget -= _expanded_size(node, self._alias_budget + 1)
                if self._alias_budget < 0:
                    raise yaml.composer.ComposerError(
                        None, None, f"aliases expand to more than {MAX_ALIAS_NODES} nodes", event.start_mark)
            return super().compose_node(parent, index)
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            self._open_anchors.add(anchor)
        try:
            return super().compose_node(parent, index)
        finally:
            self._open_anchors.discard(anchor)


def _expanded_size(node: yaml.Node, limit: int) -> int:
    """Nodes of *node* with every alias expanded, counted up to *limit*."""
    count, stack = 0, [node]
    while stack and count < limit:
        node = stack.pop()
        count += 1
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for pair in node.value:
                stack.extend(pair)
    return count


_FastBase = getattr(yaml, "CSafeLoader", None)  # None when PyYAML was built without libyaml
FastLoader = type("FastLoader", (_FastBase,), {}) if _FastBase is not None else None


def _timestamp(constructor, node):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(constructor, node)
    except ValueError:
        return constructor.construct_scalar(node)


for _loader in (SafeLoader, FastLoader):
    if _loader is not None:
        _loader.add_constructor(_TIMESTAMP, _timestamp)


def _refuse_duplicate_keys(root: yaml.Node) -> None:
    """A ConstructorError at the second of two equal keys of one mapping (YAML forbids them;
    PyYAML would keep the last one silently)."""
    seen_nodes: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:
            continue  # an alias: the node was checked where its anchor is
        seen_nodes.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            first: dict[tuple[str, str], yaml.Node] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                    earlier = first.setdefault((key.tag, key.value), key)
                    if earlier is not key:
                        raise yaml.constructor.ConstructorError(
                            None, None, f"{key.value!r} appears twice",
                            key.start_mark)
                stack.extend((key, value))


def load(text: str, *, fast: bool = False):
    """(root node, constructed document) of one YAML document; node None when it is empty.

    *fast*: read with libyaml when PyYAML has it and *text* holds no ``*`` (libyaml composes
    aliases in C, where they are not counted); its errors are PyYAML's, lines may differ.
    """
    loader_class = FastLoader if fast and FastLoader is not None and "*" not in text else SafeLoader
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _refuse_duplicate_keys(node)
        return node, (loader.construct_document(node) if node is not None else {})
    finally:
        loader.dispose()
