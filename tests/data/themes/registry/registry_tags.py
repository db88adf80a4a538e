"""The {% csi URL[, ELEMENT] %}...{% endcsi %} tag of the registry test theme: an element the
browser fills from URL, its body shown until then."""

from jinja2 import nodes
from jinja2.ext import Extension
from markupsafe import Markup


class ClientInclude(Extension):
    tags = {"csi"}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        args = [parser.parse_expression()]
        args.append(parser.parse_expression() if parser.stream.skip_if("comma") else nodes.Const("div"))
        body = parser.parse_statements(("name:endcsi",), drop_needle=True)
        return nodes.CallBlock(self.call_method("_element", args), [], [], body).set_lineno(lineno)

    def _element(self, url, element, caller):
        return Markup('<{0} data-include="{1}">{2}</{0}>').format(element, url, caller())
