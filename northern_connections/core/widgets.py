"""Form widgets for large vocabularies (countries, NUTS, NACE, CPV).

Django renders every <option> through its own template; with hundreds of options that alone
costs tens of milliseconds per page. These widgets build the same markup in Python.
"""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


class _FastOptionsMixin:
    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)
        widget = context["widget"]
        selected = {str(v) for v in widget["value"]}
        options = []
        # get_context() has already built the option groups; building them again doubles the work.
        for group_name, group_choices, _index in widget["optgroups"]:
            rendered = format_html_join(
                "", '<option value="{}"{}>{}</option>',
                ((o["value"], mark_safe(" selected") if str(o["value"]) in selected else "", o["label"])
                 for o in group_choices),
            )
            options.append(format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered)
                           if group_name else rendered)
        attributes = format_html_join("", ' {}="{}"', ((k, v) for k, v in widget["attrs"].items()
                                                       if v not in (None, False)))
        multiple = mark_safe(" multiple") if self.allow_multiple_selected else ""
        return format_html('<select name="{}"{}{}>{}</select>', name, multiple, attributes, mark_safe("".join(options)))


class FastSelect(_FastOptionsMixin, forms.Select):
    pass


class FastSelectMultiple(_FastOptionsMixin, forms.SelectMultiple):
    pass
