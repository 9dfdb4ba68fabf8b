"""The record's public addresses (docs/record.md). Read-only: nothing here writes."""

from pathlib import Path

from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from registro import log, signing, tree
from registro.models import Entry, Event, ObjectKind

PAGE_SIZE = 50
JSON_PAGE_SIZE = 1000
VERIFIER = Path(__file__).with_name("verificador.py")


class EntryFilterForm(forms.Form):
    evento = forms.ChoiceField(
        label=_("Event"), required=False, choices=[("", _("All")), *Event.choices]
    )
    tipo = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *ObjectKind.choices]
    )
    q = forms.CharField(label=_("Title or address contains"), required=False, max_length=100)


def status_labels():
    """Readable names of the statuses entries record as codes (improvement actions and
    commitments share them)."""
    from rendicion.choices import ActionStatus

    return dict(ActionStatus.choices)


def entry_json(entry):
    return {**log.leaf_fields(entry), "leaf_hash": entry.leaf_hash}


def _int_param(request, name, default=None):
    value = request.GET.get(name)
    if value in (None, ""):
        if default is None:
            raise Http404
        return default
    try:
        number = int(value)
    except ValueError:
        raise Http404 from None
    if number < 0:
        raise Http404
    return number


@require_safe
def entry_list(request):
    form = EntryFilterForm(request.GET or None)
    values = form.cleaned_data if form.is_valid() else {}
    entries = Entry.objects.filtered(
        event=values.get("evento", ""),
        object_kind=values.get("tipo", ""),
        query=values.get("q", ""),
    )
    paginator = Paginator(entries, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("pagina") or 1)
    labels = status_labels()
    for entry in page:
        status = entry.details.get("status")
        entry.status_label = labels.get(status, status)
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "registro/entry_list.html",
        {
            "filterset": {"form": form},
            "entries": page,
            "paginator": paginator,
            "query_string": query.urlencode(),
            "head": signing.latest_head(),
        },
    )


@require_safe
def entries_json(request):
    """Every entry in order, a page at a time, with what is needed to recompute its leaf."""
    entries = Entry.objects.order_by("sequence")
    paginator = Paginator(entries, JSON_PAGE_SIZE)
    number = _int_param(request, "pagina", 1)
    if number < 1 or number > max(paginator.num_pages, 1):
        raise Http404
    page = paginator.page(number)
    return JsonResponse(
        {
            "count": paginator.count,
            "page": number,
            "pages": paginator.num_pages,
            "entries": [entry_json(entry) for entry in page],
        },
        json_dumps_params={"ensure_ascii": False},
    )


def _head_or_404():
    head = signing.latest_head()
    if head is None:
        raise Http404
    return head


@require_safe
def tree_head(request):
    return JsonResponse(_head_or_404().as_json())


@require_safe
def tree_heads(request):
    """The history of signed tree heads, newest first."""
    from registro.models import TreeHead

    heads = [head.as_json() for head in TreeHead.objects.order_by("-pk")[:1000]]
    return JsonResponse({"heads": heads})


@require_safe
def inclusion(request):
    """Inclusion proofs, in the tree of ``tamano`` entries (the latest head's by default), for
    one entry (``entrada``) or for every entry that published a file (``sha256``)."""
    size = _int_param(request, "tamano", _head_or_404().tree_size)
    if size > tree.size():
        raise Http404
    if "sha256" in request.GET:
        digest = request.GET["sha256"].strip().lower()
        entries = Entry.objects.filter(
            file_sha256=digest,
            sequence__lt=size,
            event__in=[Event.MADE_PUBLIC, Event.FILE_REPLACED],
        ).order_by("sequence")[:100]
    else:
        entries = Entry.objects.filter(sequence=_int_param(request, "entrada"), sequence__lt=size)
        if not entries:
            raise Http404
    proofs = [
        {
            "entry": entry_json(entry),
            "leaf_index": entry.sequence,
            "tree_size": size,
            "inclusion": [value.hex() for value in tree.inclusion_proof(entry.sequence, size)],
        }
        for entry in entries
    ]
    return JsonResponse(
        {"tree_size": size, "proofs": proofs}, json_dumps_params={"ensure_ascii": False}
    )


@require_safe
def consistency(request):
    first = _int_param(request, "desde")
    second = _int_param(request, "hasta", tree.size())
    if first > second or second > tree.size():
        raise Http404
    proof = tree.consistency_proof(first, second)
    return JsonResponse(
        {
            "first": first,
            "second": second,
            "consistency": [value.hex() for value in proof],
        }
    )


@require_safe
def public_key(request):
    try:
        pem = signing.public_key_pem()
    except ImproperlyConfigured:
        raise Http404 from None
    return HttpResponse(pem, content_type="application/x-pem-file")


@require_safe
def verifier(request):
    response = HttpResponse(VERIFIER.read_bytes(), content_type="text/x-python; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="verificador.py"'
    return response
