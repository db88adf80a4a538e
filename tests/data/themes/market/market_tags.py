"""Tags of the market test theme: {% snippet %}, {% link_for %}, {% url_for %}, {% asset %},
each taking ``value, name=value`` arguments, as a CKAN-style theme's tags do."""

from jinja2 import nodes
from jinja2.ext import Extension
from markupsafe import Markup, escape


class ArgumentTags(Extension):
    tags = {"snippet", "link_for", "url_for", "asset"}

    def parse(self, parser):
        tag = next(parser.stream)
        args, kwargs = [], []
        while not parser.stream.current.test("block_end"):
            if args or kwargs:
                parser.stream.expect("comma")
            if parser.stream.current.test("name") and parser.stream.look().test("assign"):
                name = next(parser.stream).value
                parser.stream.skip()
                kwargs.append(nodes.Pair(nodes.Const(name), parser.parse_expression()))
            else:
                args.append(parser.parse_expression())
        call = self.call_method("_render", [nodes.Const(tag.value), nodes.List(args), nodes.Dict(kwargs)])
        return nodes.Output([call]).set_lineno(tag.lineno)

    def _render(self, tag, args, kwargs):
        if tag == "snippet":
            return Markup(self.environment.get_template(args[0]).render(**kwargs))
        if tag == "link_for":
            return Markup('<a href="/{}/">{}</a>').format(kwargs["named_route"].replace(".", "/"), args[0])
        if tag == "url_for":
            return "/" + args[0].replace(".", "/") + "/"
        return Markup("")
