"""Build the POST data an editor's browser would send for an admin add/change page."""


def _field_values(form, data):
    for name in form.fields:
        value = form[name].value()
        key = form.add_prefix(name)
        if value is None or value is False:
            continue
        if value is True:
            data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(v) for v in value]
        else:
            data[key] = str(value)


def admin_form_data(response, **changes):
    """The form as rendered in ``response``, with ``changes`` applied (``None`` removes a key)."""
    context = response.context
    data = {}
    _field_values(context["adminform"].form, data)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for key in management.fields:
            data[management.add_prefix(key)] = management[key].value()
        for form in formset.forms if formset.is_bound else formset.initial_forms:
            _field_values(form, data)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def import_review_data(review, **changes):
    """The article import's review page as rendered in ``review``, saved with ``changes`` applied
    (``None`` unticks a box)."""
    source_form, formset = review.context["source_form"], review.context["formset"]
    data = {"_save": "1"}
    for name, field in source_form.fields.items():
        value = source_form.initial.get(name, field.initial)
        if name == "outlet" and value is not None:
            value = value.pk
        if name == "published_at" and value is not None:
            value = value.strftime("%Y-%m-%d %H:%M")
        data[name] = "" if value is None else str(value)
    data["quotes-TOTAL_FORMS"] = str(len(formset.forms))
    data["quotes-INITIAL_FORMS"] = str(len(formset.forms))
    for i, form in enumerate(formset.forms):
        for name, value in form.initial.items():
            if name in {"include", "said_on_approximate"}:
                if value:
                    data[f"quotes-{i}-{name}"] = "on"
            else:
                data[f"quotes-{i}-{name}"] = "" if value is None else str(value)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)  # an unticked box
        else:
            data[key] = value
    return data
