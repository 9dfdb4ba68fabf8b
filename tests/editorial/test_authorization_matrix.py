"""Authorization matrix: every admin URL × role × item state (docs/workflow.md, docs/documents.md).

Department A (Educación) has one item in each state — pages, indicators and commitments as a
draft, at step 1, at step 2, live, and live with a pending change; an unused document and image;
an unfinished multiple upload of each — built through Wagtail's own APIs and admin. Every title,
body and file carries a unique marker: ``ZQXSECRET-…`` while it is not public, ``ZQXPUBLIC-…``
for the live version of a live item.

The whole expectation is ``reaches(role, item)``:

    role                                   reaches an item of department A
    -------------------------------------  ---------------------------------
    administrator, editor A, reviewer A    always
    approver (Participación Comunitaria)   only while it waits at step 2
    anonymous, editor B, reviewer B        never

For a role that does not reach an item:

* every admin URL that names the item answers 403, 404, 405 or a redirect to the login page or
  the dashboard — for a live item without pending changes only the views that manage it (edit,
  history, revisions, workflow, lock, delete, move, copy…; choosers and the API may show what
  is public);
* no response to any URL (body, headers, flash messages, JSON, XLSX/ZIP) contains one of the
  item's ``ZQXSECRET`` markers;
* a POST to a view that acts (revert, workflow action, lock, delete, move, bulk action…) changes
  nothing: items, revisions, workflow and task states, restrictions, uploads.

For a role that reaches an item, its main views (edit, history, preview, listing) answer 200 and
show it. Anonymous visitors get the login page (or 403/404) from every admin URL but the few
that are public (login, password reset…). Portal-administration areas (users, groups, sites,
workflows, settings, redirects…) refuse everybody but the administrator.

``ROUTES`` says how to fill each admin URL pattern from these items; ``SKIPPED`` lists the
patterns that are not requested, with the reason. A new pattern in neither (a Wagtail upgrade,
a new viewset) fails ``test_every_admin_url_is_in_the_table``.

Every request runs in a savepoint that is rolled back, so no case disturbs another and the data
is built once for the class. There is one subtest per (URL pattern, role): every case is
requested, and a failure lists each failing (item state, method, URL) with what leaked or the
status, so one failure hides no other.
"""

import contextlib
import io
import json
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlparse

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.test import Client, TestCase, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch
from PIL import Image as PILImage
from PIL.PngImagePlugin import PngInfo
from taggit.models import TaggedItem
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Revision,
    Site,
    Task,
    TaskState,
    UploadedFile,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowState,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from govco.models import StandardMenuItem
from rendicion.models import (
    Commitment,
    DepartmentReviewTask,
    Indicator,
    PopulationGroup,
    PortalDocument,
    PortalImage,
    PublicCollection,
    SdgGoal,
    SdgTarget,
)
from search.models import SearchSynonym
from tests.factories import (
    CommitmentFactory,
    DocumentFactory,
    EncounterFactory,
    IndicatorFactory,
    StakeholderGroupFactory,
    pdf_bytes,
)
from tests.workflow_helpers import build_roles, encounter_form_data, make_user


@pytest.fixture(autouse=True)
def _isolated_media():
    """Replaces tests/conftest.py's per-test MEDIA_ROOT: the files are written once, in
    setUpTestData, under the class's own MEDIA_ROOT (see AuthorizationMatrixTests)."""


# --- The rule ------------------------------------------------------------------------------

ROLES = (
    "anonymous",
    "editor_a",
    "reviewer_a",
    "editor_b",
    "reviewer_b",
    "approver",
    "administrator",
)


def reaches(role, item):
    """Whether ``role`` may see ``item`` (an item of department A) in the admin."""
    if role in ("administrator", "editor_a", "reviewer_a"):
        return True
    if role == "approver":
        return item.state == "step2"
    return False  # anonymous, editor B (Salud), reviewer B


@dataclass
class Item:
    key: str  # "page:draft", "indicator:step2", "document:unused"…
    kind: str  # page, alias, indicator, commitment, document, image, docupload, imageupload
    state: str  # draft, step1, step2, live, pending, unused, uploading
    pk: int
    app_label: str
    model_name: str
    secret: tuple  # markers of what is not public
    public: tuple = ()  # markers of the public (live) version
    revision_id: int | None = None  # latest revision
    task_state_id: int | None = None  # current task state, else the latest one
    workflow_state_id: int | None = None
    task_id: int | None = None  # current task, else the first task of the workflow

    @property
    def markers(self):
        return self.secret + self.public

    def __str__(self):
        return self.key


def marker(kind, state, part, public=False):
    return f"ZQX{'PUBLIC' if public else 'SECRET'}-{kind}-{state}-{part}".upper()


# --- Responses -----------------------------------------------------------------------------


def refused(response):
    """403, 404, 405, or the redirect Wagtail sends a refused user (login page, dashboard)."""
    if response.status_code in (403, 404, 405):
        return True
    if response.status_code == 302:
        return urlparse(response["Location"]).path in (
            reverse("wagtailadmin_home"),
            reverse("wagtailadmin_login"),
        )
    return False


def response_text(response):
    """Everything a response tells: headers, body (JSON unescaped, ZIP/XLSX members unpacked)
    and the flash messages it leaves for the next page."""
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    parts = [f"{name}: {value}" for name, value in response.headers.items()]
    parts.append(body.decode("utf-8", "replace"))
    if body[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(body)) as archive:
                parts.extend(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
        except zipfile.BadZipFile:
            pass
    if "json" in response.get("Content-Type", ""):
        with contextlib.suppress(ValueError):
            parts.append(json.dumps(json.loads(body), ensure_ascii=False))
    morsel = response.cookies.get("messages")
    if morsel is not None and morsel.value:
        decoded = CookieStorage(HttpRequest())._decode(morsel.value) or []
        parts.extend(str(message) for message in decoded)
    return "\n".join(parts)


def describe(response):
    location = response.get("Location")
    return f"{response.status_code}" + (f" → {location}" if location else "")


# --- The URL table -------------------------------------------------------------------------

PAGE, INDICATOR, COMMITMENT = ("page",), ("indicator",), ("commitment",)
DOCUMENT, IMAGE = ("document",), ("image",)
SEARCH = "ZQXSECRET"  # a prefix of every secret marker: finds them all, contains none


@dataclass
class Route:
    """How to request one admin URL pattern.

    ``kinds``: the item kinds whose items fill the pattern's kwargs (one case per item).
    ``access`` for those cases: "item" (a role that does not reach the item is refused,
    whatever its state), "chooser" (refused unless the item has a public version: choosers,
    the API and bulk confirmations may show that one) or "list" (only the marker check).
    ``fixed``: kwargs for a case that names no item of A (or a list of them), with
    ``fixed_access``: "list" (only the marker check), "admin" (only administrators get in) or
    "open" (public admin pages: login…). Anonymous visitors are refused everything but "open".
    ``query``: query strings, one case each (a callable gets the item and the context).
    ``post``: POST data (dict, or callable(item, ctx)) for views that act; ``None``: GET only.
    ``expand``: callable(item, ctx) giving several kwargs variants (actions, revisions…).
    ``path``: the URL of a pattern without a name.
    ``redirect_ok``: the view only redirects elsewhere (where it goes has its own row).
    ``get``: False for POST-only views (a GET answers 405).
    """

    kinds: tuple = ()
    access: str = "item"
    fixed: object = None
    fixed_access: str = "list"
    query: object = ("",)
    post: object = None
    kwargs: object = None
    path: object = None
    redirect_ok: bool = False
    expand: object = None
    get: bool = True


def listing(*queries, access="list"):
    return Route(fixed={}, fixed_access=access, query=queries or ("",))


def admin_only(fixed=None, post=None, **kwargs):
    return Route(fixed=fixed or {}, fixed_access="admin", post=post, **kwargs)


def open_page(fixed=None):
    return Route(fixed=fixed or {}, fixed_access="open")


def page_route(post=None, access="item", **kwargs):
    return Route(kinds=PAGE, access=access, post=post, **kwargs)


def bulk_actions(item, ctx):
    """Every bulk action Wagtail registers for the item's model."""
    if item is None:
        return [
            {"app_label": "auth", "model_name": "user", "action": action}
            for action in ("assign_role", "delete", "set_active_state")
        ]
    app_label, model_name = item.app_label, item.model_name
    if item.kind == "page":
        app_label, model_name = "wagtailcore", "page"
    return [
        {"app_label": app_label, "model_name": model_name, "action": cls.action_type}
        for cls in bulk_action_registry.get_bulk_actions_for_model(app_label, model_name)
    ]


def bulk_post(item, ctx):
    return {
        "chooser": ctx.section_b,  # move
        "tags": "etiqueta",  # add_tags
        "collection": ctx.root_collection,  # add_to_collection
        "role": ctx.editors_b_group,  # assign_role
        "mark_as_active": "",  # set_active_state
    }


def snippet_routes(model, kinds=None, obj=None, app="rendicion"):
    """The routes of a snippet viewset: scoped by department (``kinds``: indicators,
    commitments, one case per item of A), or reference data managed by portal administrators
    only (``obj``: the kwargs naming one of its objects)."""
    base = f"admin/snippets/{app}/{model}/"
    choose = f"admin/snippets/choose/{app}/{model}/"
    if not kinds:
        # Reference data holds nothing of a department; its choosers are open to editors.
        chosen_id = lambda it, ctx: f"?id={resolve(obj['pk'], ctx)}"  # noqa: E731
        return {
            base: admin_only(query=("", "?export=csv")),
            base + "results/": admin_only(),
            base + "add/": admin_only(),
            base + "edit/<int:pk>/": admin_only(obj, post={}),
            base + "delete/<int:pk>/": admin_only(obj, post={}),
            base + "usage/<int:pk>/": admin_only(obj),
            base + "history/<int:pk>/": admin_only(obj),
            base + "history-results/<int:pk>/": admin_only(obj),
            base + "copy/<int:pk>/": admin_only(obj),
            choose: listing(""),
            choose + "results/": listing(""),
            choose + "chosen/<str:pk>/": Route(fixed=obj),
            choose + "chosen-multiple/": Route(fixed={}, query=chosen_id),
            choose + "create/": listing(""),
        }
    item = lambda **kw: Route(kinds=kinds, **kw)  # noqa: E731
    history, workflow = base + "history/", base + "workflow/"
    return {
        base: listing("", f"?q={SEARCH}", "?export=csv", "?export=xlsx"),
        base + "results/": listing("", f"?q={SEARCH}"),
        base + "add/": listing(""),
        base + "edit/<int:pk>/": item(post=snippet_form),
        base + "delete/<int:pk>/": item(post={}),
        base + "usage/<int:pk>/": item(),
        base + "history/<int:pk>/": item(),
        base + "history-results/<int:pk>/": item(),
        base + "copy/<int:pk>/": item(),
        history + "<int:pk>/revisions/<int:revision_id>/revert/": item(post=snippet_form),
        history + r"(?P<pk>.+)/revisions/compare/(?P<revision_id_a>live|earliest|\d+)\.\.\."
        r"(?P<revision_id_b>live|latest|\d+)/$": item(expand=compare_pairs),
        history + "<int:pk>/revisions/<int:revision_id>/unschedule/": item(post={}),
        base + "unpublish/<int:pk>/": item(post={}),
        base + "lock/<int:pk>/": item(post={}),
        base + "unlock/<int:pk>/": item(post={}),
        workflow + "action/<int:pk>/<slug:action_name>/<int:task_state_id>/": item(
            post={"comment": "x"}, expand=workflow_actions
        ),
        workflow + "collect_action_data/<int:pk>/<slug:action_name>/<int:task_state_id>/": item(
            post={"comment": "x"}, expand=collect_actions
        ),
        workflow + "confirm_cancellation/<int:pk>/": item(),
        base + "workflow_history/<int:pk>/": item(),
        base + "workflow_history/<int:pk>/detail/<int:workflow_state_id>/": item(),
        choose: listing("", f"?q={SEARCH}"),
        choose + "results/": listing("", f"?q={SEARCH}"),
        choose + "chosen/<str:pk>/": item(access="chooser"),
        choose + "chosen-multiple/": item(access="list", query=lambda it, ctx: f"?id={it.pk}"),
        choose + "create/": listing(""),
    }


def compare_pairs(item, ctx):
    return [
        {"revision_id_a": "earliest", "revision_id_b": "latest"},
        {"revision_id_a": "live", "revision_id_b": "latest"},
    ]


def workflow_actions(item, ctx):
    """Approve (GET and POST) and reject (POST: its GET is the same view as approve's)."""
    return [{"action_name": "approve"}, {"action_name": "reject", "_post_only": True}]


def collect_actions(item, ctx):
    """The action whose data (the comment) the view collects."""
    return [{"action_name": "reject"}]


def media_routes(kind):
    """Documents (``kind="document"``) or images: index, edit, delete, usage, chooser, multiple
    upload."""
    kinds = (kind,)
    item = lambda **kw: Route(kinds=kinds, **kw)  # noqa: E731
    if kind == "document":
        base, key, upload_kind = "admin/documents/", "document_id", ("docupload",)
        edit, delete, usage = f"edit/<int:{key}>/", f"delete/<int:{key}>/", f"usage/<int:{key}>/"
        multiple_key, chooser = "doc_id", "admin/documents/chooser/"
        create_from = "create_from_uploaded_document"
    else:
        base, key, upload_kind = "admin/images/", "image_id", ("imageupload",)
        edit, delete, usage = f"<int:{key}>/", f"<int:{key}>/delete/", f"usage/<int:{key}>/"
        multiple_key, chooser = "image_id", "admin/images/chooser/"
        create_from = "create_from_uploaded_image"
    routes = {
        base: listing("", f"?q={SEARCH}"),
        base + "results/": listing("", f"?q={SEARCH}"),
        base + "add/": listing(""),
        base + edit: item(post={"title": "x"}),
        base + delete: item(post={}),
        base + usage: item(),
        base + "multiple/add/": listing(""),
        base + f"multiple/<int:{multiple_key}>/": item(post={"title": "x"}),
        base + f"multiple/<int:{multiple_key}>/delete/": item(post={}),
        base + f"multiple/{create_from}/<int:uploaded_file_id>/": Route(
            kinds=upload_kind, post={"title": "x"}
        ),
        base + "multiple/delete_upload/<int:uploaded_file_id>/": Route(kinds=upload_kind, post={}),
        chooser: listing("", f"?q={SEARCH}"),
        chooser + "results/": listing("", f"?q={SEARCH}"),
        chooser + "chosen/<str:pk>/": item(access="chooser"),
        chooser + "chosen-multiple/": item(access="list", query=lambda it, ctx: f"?id={it.pk}"),
        chooser + "create/": listing(""),
    }
    if kind == "image":
        routes.update(
            {
                base + f"<int:{key}>/generate_url/": item(),
                base + f"<int:{key}>/generate_url/output/": item(query=("?filter=original",)),
                base + f"<int:{key}>/preview/<str:filter_spec>/": item(access="chooser"),
                chooser + "<int:image_id>/select_format/": item(
                    access="chooser", post={"image-chooser-insertion-format": "fullwidth"}
                ),
            }
        )
    return routes


def encounter_type(**kwargs):
    return {
        "content_type_app_name": "rendicion",
        "content_type_model_name": "dialogueencounterpage",
        **kwargs,
    }


def page_form(item, ctx):
    """A complete, valid encounter form: were it accepted, it would save a revision."""
    return encounter_form_data(
        SimpleNamespace(pk=ctx.department_a), title="Cambiado", slug="cambiado"
    )


def snippet_form(item, ctx):
    """A complete, valid indicator or commitment form (a draft named "Cambiado")."""
    common = {"department": ctx.department_a, "go_live_at": "", "expire_at": ""}
    if item.kind == "commitment":
        return {
            **common,
            "text": "Cambiado",
            "due_date": "2022-06-30",
            "status": "pending",
            "origin_page": "",
            "evidence": "",
            "evidence_document": "",
        }
    return nested_form_data(
        {
            **common,
            "code": "",
            "kind": "product",
            "name": "Cambiado",
            "unit": "Número",
            "direction": "increase",
            "baseline_value": "1",
            "baseline_text": "",
            "target_value": "2",
            "target_text": "",
            "plan_line": "",
            "programme": "",
            "slug": "cambiado",
            "measurements": inline_formset([]),
        }
    )


class Ref(str):
    """A fixed kwarg naming an object of the test data: ``Ref("section_a")`` is
    ``ctx.section_a``'s primary key."""


def page_api_query(item, ctx):
    return (f"?html_path={ctx.page_urls[str(item.pk)]}", f"?id={item.pk}")


ROUTES = {
    # --- Dashboard, account, misc ---
    "admin/": listing(""),
    "admin/test404/": Route(fixed={}, path="/admin/test404/"),
    "admin/^.*/$": Route(fixed={}, path="/admin/no-such-view/"),
    "admin/account/": listing(""),
    "admin/dismissibles/": listing(""),
    "admin/block-preview/": listing("", "?id=rendicion.blocks.ParagraphBlock"),
    "admin/sprite/": open_page(),
    "admin/login/": open_page(),
    "admin/password_reset/": open_page(),
    "admin/password_reset/done/": open_page(),
    "admin/password_reset/confirm/<uidb64>/<token>/": open_page({"uidb64": "MQ", "token": "x-y"}),
    "admin/password_reset/complete/": open_page(),
    "admin/jsi18n/": open_page(),
    "admin/tag-autocomplete/": listing("", "?term=e"),
    "admin/tag-autocomplete/<slug:app_name>/<slug:model_name>/": Route(
        fixed=[
            {"app_name": "rendicion", "model_name": "portaldocument"},
            {"app_name": "rendicion", "model_name": "portalimage"},
        ],
        query=("?term=e",),
    ),
    "admin/editing-sessions/ping/<str:app_label>/<str:model_name>/<str:object_id>/"
    "<int:session_id>/": (
        Route(
            kinds=PAGE + INDICATOR + COMMITMENT,
            post=lambda item, ctx: {"revision_id": item.revision_id},
            get=False,
        )
    ),
    # --- Admin API ---
    "admin/api/main/^pages/": listing("", f"?search={SEARCH}", "?fields=*"),
    "admin/api/main/^pages/<int:pk>/": page_route(access="chooser"),
    "admin/api/main/^pages/find/": page_route(
        access="chooser", query=page_api_query, redirect_ok=True
    ),
    "admin/api/main/^pages/<int:pk>/action/<str:action_name>/": page_route(
        post=lambda item, ctx: {
            "destination_page_id": ctx.section_b,
            "revision_id": item.revision_id,
        },
        expand=lambda item, ctx: [
            {"action_name": name}
            for name in (
                "convert_alias",
                "copy",
                "delete",
                "publish",
                "unpublish",
                "move",
                "copy_for_translation",
                "create_alias",
                "revert_to_page_revision",
            )
        ],
        get=False,
    ),
    "admin/api/main/^documents/": listing("", f"?search={SEARCH}", "?fields=*"),
    "admin/api/main/^documents/<int:pk>/": Route(kinds=DOCUMENT, access="chooser"),
    "admin/api/main/^documents/find/": Route(
        kinds=DOCUMENT, access="chooser", query=lambda it, ctx: f"?id={it.pk}", redirect_ok=True
    ),
    "admin/api/main/^images/": listing("", f"?search={SEARCH}", "?fields=*"),
    "admin/api/main/^images/<int:pk>/": Route(kinds=IMAGE, access="chooser"),
    "admin/api/main/^images/find/": Route(
        kinds=IMAGE, access="chooser", query=lambda it, ctx: f"?id={it.pk}", redirect_ok=True
    ),
    # --- Page explorer and page views ---
    "admin/pages/": listing("", f"?q={SEARCH}"),
    # Wagtail sends a user who may not explore a page to their own part of the tree.
    "admin/pages/<int:parent_page_id>/": page_route(
        access="chooser",
        redirect_ok=True,
        fixed=[{"parent_page_id": Ref("section_a")}, {"parent_page_id": Ref("cycle")}],
        query=("", f"?q={SEARCH}&search_all=1"),
    ),
    "admin/pages/<int:parent_page_id>/results/": page_route(
        access="chooser",
        redirect_ok=True,
        fixed=[{"parent_page_id": Ref("section_a")}, {"parent_page_id": Ref("cycle")}],
        query=("", f"?q={SEARCH}&search_all=1"),
    ),
    # The confirmation lists the items by title (the public one, for a live item).
    "admin/bulk/<str:app_label>/<str:model_name>/<str:action>/": Route(
        kinds=PAGE + INDICATOR + COMMITMENT + DOCUMENT + IMAGE,
        access="chooser",
        expand=bulk_actions,
        query=lambda item, ctx: f"?id={item.pk if item else ctx.editor_a_pk}",
        post=bulk_post,
        fixed={},
        fixed_access="admin",
    ),
    "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/"
    "<int:parent_page_id>/": (
        page_route(post=page_form, kwargs=lambda item, ctx: encounter_type(parent_page_id=item.pk))
    ),
    "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/"
    "<int:parent_page_id>/preview/": (
        page_route(post=page_form, kwargs=lambda item, ctx: encounter_type(parent_page_id=item.pk))
    ),
    "admin/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/": Route(
        fixed=encounter_type(), query=("", f"?q={SEARCH}")
    ),
    "admin/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/results/": (
        Route(fixed=encounter_type(), query=("", f"?q={SEARCH}"))
    ),
    "admin/pages/create/<slug:app_label>/<slug:model_name>": Route(
        fixed={"app_label": "rendicion", "model_name": "dialogueencounterpage"}
    ),
    "admin/pages/<int:page_id>/usage/": page_route(),
    "admin/pages/<int:page_id>/edit/": page_route(post=page_form),
    "admin/pages/<int:page_id>/edit/preview/": page_route(post=page_form),
    "admin/pages/<int:page_id>/view_draft/": page_route(),
    "admin/pages/<int:parent_page_id>/add_subpage/": page_route(),
    "admin/pages/<int:page_id>/delete/": page_route(post={}),
    "admin/pages/<int:page_id>/unpublish/": page_route(post={}),
    # Only aliases can be converted: named with an alias of A's draft.
    "admin/pages/<int:page_id>/convert_alias/": Route(kinds=("alias",), post={}),
    "admin/pages/search/": listing("", f"?q={SEARCH}"),
    "admin/pages/search/results/": listing("", f"?q={SEARCH}"),
    "admin/pages/<int:page_to_move_id>/move/": page_route(),
    "admin/pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/": page_route(post={}),
    "admin/pages/<int:page_to_move_id>/set_position/": page_route(post={}, query=("?position=0",)),
    "admin/pages/<int:page_id>/copy/": page_route(
        post=lambda item, ctx: {
            "new_title": "Copia",
            "new_slug": "copia",
            "new_parent_page": ctx.section_b,
            "copy_subpages": "",
            "publish_copies": "",
            "alias": "",
        }
    ),
    "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/": (
        page_route(post={"comment": "x"}, expand=workflow_actions)
    ),
    "admin/pages/workflow/collect_action_data/<int:page_id>/<slug:action_name>/"
    "<int:task_state_id>/": (page_route(post={"comment": "x"}, expand=collect_actions)),
    "admin/pages/workflow/confirm_cancellation/<int:page_id>/": page_route(),
    "admin/pages/workflow/preview/<int:page_id>/<int:task_id>/": page_route(),
    "admin/pages/<int:page_id>/privacy/": page_route(post={"restriction_type": "login"}),
    "admin/pages/<int:page_id>/lock/": page_route(post={}),
    "admin/pages/<int:page_id>/unlock/": page_route(post={}),
    "admin/pages/<int:page_id>/revisions/": page_route(redirect_ok=True),
    "admin/pages/<int:page_id>/revisions/<int:revision_id>/view/": page_route(),
    "admin/pages/<int:page_id>/revisions/<int:revision_id>/revert/": page_route(post=page_form),
    "admin/pages/<int:page_id>/revisions/<int:revision_id>/unschedule/": page_route(post={}),
    r"admin/pages/^(?P<pk>\d+)/revisions/compare/(?P<revision_id_a>live|earliest|\d+)\.\.\."
    r"(?P<revision_id_b>live|latest|\d+)/$": page_route(expand=compare_pairs),
    "admin/pages/<int:page_id>/workflow_history/": page_route(),
    "admin/pages/<int:page_id>/workflow_history/detail/<int:workflow_state_id>/": page_route(),
    "admin/pages/<int:page_id>/history/": page_route(),
    "admin/pages/<int:page_id>/history/results/": page_route(),
    # --- Page chooser and link choosers ---
    "admin/choose-page/": listing("", f"?q={SEARCH}"),
    "admin/choose-page/<int:parent_page_id>/": page_route(
        access="chooser",
        fixed=[{"parent_page_id": Ref("section_a")}, {"parent_page_id": Ref("cycle")}],
    ),
    "admin/choose-page/search/": listing(f"?q={SEARCH}"),
    "admin/choose-page/chosen-multiple/": page_route(
        access="list", query=lambda it, ctx: f"?id={it.pk}"
    ),
    "admin/choose-external-link/": listing(""),
    "admin/choose-email-link/": listing(""),
    "admin/choose-phone-link/": listing(""),
    "admin/choose-anchor-link/": listing(""),
    # --- Reports (the workflow and site-history ones are rendicion/admin_reports.py's) ---
    "admin/reports/workflow/": listing("", "?export=csv", "?export=xlsx"),
    "admin/reports/workflow/results/": listing(""),
    "admin/reports/workflow_tasks/": listing("", "?export=csv", "?export=xlsx"),
    "admin/reports/workflow_tasks/results/": listing(""),
    "admin/reports/site-history/": listing("", "?export=csv", "?export=xlsx"),
    "admin/reports/site-history/results/": listing(""),
    "admin/reports/locked/": listing("", "?export=csv", "?export=xlsx"),
    "admin/reports/locked/results/": listing(""),
    "admin/reports/aging-pages/": listing("", "?export=csv", "?export=xlsx"),
    "admin/reports/aging-pages/results/": listing(""),
    "admin/reports/page-types-usage/": listing("", "?export=csv", "?export=xlsx"),
    "admin/reports/page-types-usage/results/": listing(""),
    # --- Forms (no form pages in this portal: named with A's pages) ---
    "admin/forms/": listing(""),
    "admin/forms/results/": listing(""),
    "admin/forms/submissions/<int:page_id>/": page_route(),
    "admin/forms/submissions/<int:page_id>/results/": page_route(),
    "admin/forms/submissions/<int:page_id>/delete/": page_route(post={}),
    # Surveys (encuestas/): the same rule as Wagtail's submissions (tests/encuestas cover
    # survey pages, their departments and personal data).
    "admin/encuestas/<int:page_id>/resultados/": page_route(),
    "admin/encuestas/<int:page_id>/resultados/exportar/": page_route(
        query=("?formato=csv", "?formato=xlsx")
    ),
    "admin/encuestas/respuestas/<int:submission_id>/grupo-de-interes/": Route(
        fixed={"submission_id": 0}, fixed_access="list", post={"name": "X"}
    ),
    # --- Portal administration ---
    "admin/collections/": admin_only(),
    "admin/collections/add/": admin_only(),
    "admin/collections/<int:pk>/": admin_only({"pk": Ref("public_collection")}, post={}),
    "admin/collections/<int:pk>/delete/": admin_only({"pk": Ref("public_collection")}, post={}),
    "admin/collections/<int:collection_id>/privacy/": admin_only(
        {"collection_id": Ref("root_collection")}, post={"restriction_type": "login"}
    ),
    "admin/workflows/list/": admin_only(),
    "admin/workflows/list/results/": admin_only(),
    "admin/workflows/add/": admin_only(),
    "admin/workflows/enable/<int:pk>/": admin_only({"pk": Ref("workflow")}, post={}),
    "admin/workflows/disable/<int:pk>/": admin_only({"pk": Ref("workflow")}, post={}),
    "admin/workflows/edit/<int:pk>/": admin_only({"pk": Ref("workflow")}),
    "admin/workflows/usage/<int:pk>/": admin_only({"pk": Ref("workflow")}),
    "admin/workflows/usage/<int:pk>/results/": admin_only({"pk": Ref("workflow")}),
    "admin/workflows/remove/<int:page_pk>/": admin_only({"page_pk": Ref("root_page")}, post={}),
    "admin/workflows/remove/<int:page_pk>/<int:workflow_pk>/": admin_only(
        {"page_pk": Ref("root_page"), "workflow_pk": Ref("workflow")}, post={}
    ),
    "admin/workflows/tasks/add/<str:app_label>/<str:model_name>/": admin_only(
        {"app_label": "rendicion", "model_name": "departmentreviewtask"}
    ),
    "admin/workflows/tasks/select_type/": admin_only(),
    "admin/workflows/tasks/index/": admin_only(),
    "admin/workflows/tasks/index/results/": admin_only(),
    "admin/workflows/tasks/edit/<int:pk>/": admin_only({"pk": Ref("review_task")}),
    "admin/workflows/tasks/disable/<int:pk>/": admin_only({"pk": Ref("review_task")}, post={}),
    "admin/workflows/tasks/enable/<int:pk>/": admin_only({"pk": Ref("review_task")}, post={}),
    # Wagtail opens the task chooser to every admin user (creating needs "add task").
    "admin/workflows/task_chooser/": listing(""),
    "admin/workflows/task_chooser/results/": listing(""),
    "admin/workflows/task_chooser/create/": listing(""),
    "admin/workflows/task_chooser/<int:task_id>/": Route(fixed={"task_id": Ref("review_task")}),
    # Sign-in lockouts (accounts app): only for those who manage users.
    "admin/lockouts/": admin_only(),
    "admin/lockouts/results/": admin_only(),
    "admin/lockouts/new/": admin_only(),
    "admin/lockouts/edit/<int:pk>/": admin_only({"pk": Ref("lockout")}),
    "admin/lockouts/delete/<int:pk>/": admin_only({"pk": Ref("lockout")}, post={}),
    "admin/lockouts/usage/<int:pk>/": admin_only({"pk": Ref("lockout")}),
    "admin/lockouts/history/<int:pk>/": admin_only({"pk": Ref("lockout")}),
    "admin/lockouts/history-results/<int:pk>/": admin_only({"pk": Ref("lockout")}),
    "admin/lockouts/copy/<int:pk>/": admin_only({"pk": Ref("lockout")}),
    "admin/redirects/": admin_only(),
    "admin/redirects/results/": admin_only(),
    "admin/redirects/add/": admin_only(),
    "admin/redirects/<int:redirect_id>/": admin_only({"redirect_id": Ref("redirect")}),
    "admin/redirects/<int:redirect_id>/delete/": admin_only(
        {"redirect_id": Ref("redirect")}, post={}
    ),
    "admin/redirects/import/": admin_only(),
    "admin/redirects/import/process/": admin_only(),
    "admin/settings/<slug:app_name>/<slug:model_name>/": admin_only(
        {"app_name": "rendicion", "model_name": "portalsettings"}
    ),
    "admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/": admin_only(
        {"app_name": "rendicion", "model_name": "portalsettings", "pk": Ref("site")}
    ),
    "admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/preview/": admin_only(
        {"app_name": "rendicion", "model_name": "portalsettings", "pk": Ref("site")}
    ),
    "admin/searchpicks/": admin_only(),
    "admin/searchpicks/results/": admin_only(),
    "admin/searchpicks/add/": admin_only(),
    "admin/searchpicks/<int:query_id>/": admin_only({"query_id": Ref("search_query")}),
    "admin/searchpicks/<int:query_id>/delete/": admin_only(
        {"query_id": Ref("search_query")}, post={}
    ),
    # Wagtail opens the chooser of search terms to every admin user.
    "admin/searchpicks/queries/chooser/": listing(""),
    "admin/searchpicks/queries/chooser/results/": listing(""),
    "admin/searchpicks/reports/search-terms/": admin_only(),
    "admin/searchpicks/reports/search-terms/results/": admin_only(),
    "admin/embeds/chooser/": listing(""),
    "admin/embeds/chooser/upload/": listing(""),
    "admin/snippets/": listing(""),
    "admin/sites/": admin_only(),
    "admin/sites/results/": admin_only(),
    "admin/sites/new/": admin_only(),
    "admin/sites/edit/<int:pk>/": admin_only({"pk": Ref("site")}),
    "admin/sites/delete/<int:pk>/": admin_only({"pk": Ref("site")}, post={}),
    "admin/sites/history/<int:pk>/": admin_only({"pk": Ref("site")}),
    "admin/sites/history-results/<int:pk>/": admin_only({"pk": Ref("site")}),
    "admin/sites/usage/<int:pk>/": admin_only({"pk": Ref("site")}),
    "admin/sites/copy/<int:pk>/": admin_only({"pk": Ref("site")}),
    "admin/users/": admin_only(),
    "admin/users/results/": admin_only(),
    "admin/users/new/": admin_only(),
    "admin/users/edit/<int:pk>/": admin_only({"pk": Ref("editor_a_pk")}, post={}),
    "admin/users/delete/<int:pk>/": admin_only({"pk": Ref("editor_a_pk")}, post={}),
    "admin/users/history/<int:pk>/": admin_only({"pk": Ref("editor_a_pk")}),
    "admin/users/history-results/<int:pk>/": admin_only({"pk": Ref("editor_a_pk")}),
    "admin/users/usage/<int:pk>/": admin_only({"pk": Ref("editor_a_pk")}),
    "admin/users/copy/<int:pk>/": admin_only({"pk": Ref("editor_a_pk")}),
    "admin/groups/": admin_only(),
    "admin/groups/results/": admin_only(),
    "admin/groups/new/": admin_only(),
    "admin/groups/edit/<int:pk>/": admin_only({"pk": Ref("editors_b_group")}, post={}),
    "admin/groups/delete/<int:pk>/": admin_only({"pk": Ref("editors_b_group")}, post={}),
    "admin/groups/history/<int:pk>/": admin_only({"pk": Ref("editors_b_group")}),
    "admin/groups/history-results/<int:pk>/": admin_only({"pk": Ref("editors_b_group")}),
    "admin/groups/usage/<int:pk>/": admin_only({"pk": Ref("editors_b_group")}),
    # --- Documents, images ---
    **media_routes("document"),
    **media_routes("image"),
    # --- Snippets ---
    **snippet_routes("indicator", INDICATOR),
    "admin/snippets/rendicion/indicator/import/": listing(""),
    # The new vigencia: Participación and administrators only (scope.reaches_everything).
    "admin/vigencias/nueva/": admin_only(post={"year": "2031"}),
    "admin/snippets/rendicion/indicator/export-matrix/": listing(""),
    **snippet_routes("commitment", COMMITMENT),
    **snippet_routes("stakeholdergroup", obj={"pk": Ref("stakeholder_group")}),
    **snippet_routes("department", obj={"pk": Ref("department_a")}),
    **snippet_routes("populationgroup", obj={"pk": Ref("population_group")}),
    **snippet_routes("sdggoal", obj={"pk": Ref("sdg_goal")}),
    **snippet_routes("sdgtarget", obj={"pk": Ref("sdg_target")}),
    **snippet_routes("publiccollection", obj={"pk": Ref("public_collection_row")}),
    **snippet_routes("searchsynonym", obj={"pk": Ref("search_synonym")}, app="search"),
    # Registrations (inscripciones/): each user lists and exports those of the events they
    # reach (Registration.objects.for_user); the objects' views answer 404 outside them.
    "admin/inscripciones/": listing("", "?export=csv", "?export=xlsx"),
    "admin/inscripciones/results/": listing(""),
    "admin/inscripciones/new/": listing(""),
    **{
        f"admin/inscripciones/{view}/<int:pk>/": Route(fixed={"pk": 1}, fixed_access="list")
        for view in ("edit", "delete", "history", "history-results", "usage")
    },
    # The Transparency and Participate menus (docs/govco.md): portal administrators only.
    **snippet_routes("standardmenuitem", obj={"pk": Ref("menu_item")}, app="govco"),
    "admin/snippets/govco/standardmenuitem/reorder/<int:pk>/": admin_only(
        {"pk": Ref("menu_item")}, post={"position": "0"}
    ),
    "admin/reports/busquedas-sin-resultados/": admin_only(query=("", "?export=csv")),
    "admin/reports/busquedas-sin-resultados/results/": admin_only(),
    # Citizens' questions (participa/): scoped by department like commitments; the matrix
    # holds no question (tests/participa/test_moderation.py checks two departments), so these
    # rows check that no other item's marker leaks and that anonymous visitors are refused.
    "admin/participa/preguntas/": listing("", "?export=csv"),
    "admin/participa/preguntas/results/": listing(""),
    "admin/participa/preguntas/new/": listing(""),
    "admin/participa/preguntas/edit/<int:pk>/": Route(fixed={"pk": 999999}, post={}),
    "admin/participa/preguntas/delete/<int:pk>/": Route(fixed={"pk": 999999}, post={}),
    "admin/participa/preguntas/history/<int:pk>/": Route(fixed={"pk": 999999}),
    "admin/participa/preguntas/history-results/<int:pk>/": Route(fixed={"pk": 999999}),
    "admin/participa/preguntas/usage/<int:pk>/": Route(fixed={"pk": 999999}),
    "admin/participa/preguntas/inspect/<int:pk>/": Route(fixed={"pk": 999999}),
    "admin/reports/preguntas-por-responder/": listing("", "?export=csv"),
    "admin/reports/preguntas-por-responder/results/": listing(""),
}


SKIPPED = {
    "admin/failwhale/": "Wagtail's error-page test: raises on purpose, names nothing",
    "admin/logout/": "logs the client out; names nothing",
    "admin/editing-sessions/release/<int:session_id>/": (
        "deletes one of the requester's own editing sessions (filtered by user); names no item"
    ),
    "admin/api/main/pages/<int:pk>/action/<str:action_name>/": (
        "the portal's wrapper (rendicion.editorial.admin_urls) in front of Wagtail's "
        "admin/api/main/^pages/<int:pk>/action/<str:action_name>/: the same URLs, swept there"
    ),
}


# --- Walking the resolver, filling the patterns ---------------------------------------------

PARAM = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>")


def admin_patterns():
    """{route: [URL names]} for every pattern under /admin/, as the resolver nests them."""
    found = {}

    def walk(resolver, prefix, namespace):
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern, route, inner)
            elif isinstance(pattern, URLPattern) and route.startswith("admin/"):
                name = pattern.name
                if name and namespace:
                    name = f"{namespace}:{name}"
                found.setdefault(route, []).append(name)

    walk(get_resolver(), "", None)
    return found


def resolve(value, ctx):
    return getattr(ctx, value) if isinstance(value, Ref) else value


def default_kwarg(param, item, ctx):
    """A pattern's kwarg filled from the item it names."""
    if param in ITEM_PK_PARAMS:
        return item.pk
    return {
        "revision_id": item.revision_id,
        "task_state_id": item.task_state_id,
        "workflow_state_id": item.workflow_state_id,
        "task_id": item.task_id,
        "app_label": item.app_label,
        "model_name": item.model_name,
        "action_name": "approve",
        "destination_id": ctx.section_b,  # move into the other department's section
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
        "filter_spec": "max-165x165",
        "session_id": 0,  # a new editing session
    }.get(param)  # else the row's kwargs or expand give it


ITEM_PK_PARAMS = {
    "pk",
    "page_id",
    "page_to_move_id",
    "parent_page_id",
    "document_id",
    "doc_id",
    "image_id",
    "object_id",
    "uploaded_file_id",
}


@dataclass
class Case:
    route: str
    name: str
    url: str
    item: Item | None
    access: str  # item, chooser, list, admin, open (see Route)
    post: dict | None
    redirect_ok: bool
    get: bool


def as_list(value):
    return value if isinstance(value, list) else [value]


def build_cases(ctx, items, patterns):
    cases = []
    for route, spec in ROUTES.items():
        names = [name for name in patterns.get(route, []) if name]
        params = [a or b for a, b in PARAM.findall(route)]
        targets = [(item, spec.access, {}) for item in items if item.kind in spec.kinds]
        if spec.fixed is not None:
            targets += [(None, spec.fixed_access, fixed) for fixed in as_list(spec.fixed)]
        for item, access, fixed in targets:
            for extra in spec.expand(item, ctx) if spec.expand else [{}]:
                kwargs = {p: default_kwarg(p, item, ctx) for p in params if item is not None}
                kwargs.update({k: resolve(v, ctx) for k, v in fixed.items()})
                if spec.kwargs:
                    kwargs.update(spec.kwargs(item, ctx))
                extra = dict(extra)
                get = spec.get and not extra.pop("_post_only", False)
                kwargs.update(extra)
                url = spec.path or reverse_any(names, {p: kwargs[p] for p in params})
                queries = spec.query(item, ctx) if callable(spec.query) else spec.query
                post = spec.post(item, ctx) if callable(spec.post) else spec.post
                for query in as_list(list(queries) if isinstance(queries, tuple) else queries):
                    cases.append(
                        Case(
                            route,
                            names[0] if names else "",
                            url + query,
                            item,
                            access,
                            post,
                            spec.redirect_ok,
                            get,
                        )
                    )
    return cases


def reverse_any(names, kwargs):
    for name in names:
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    raise NoReverseMatch(f"{names} with {kwargs}")


# --- State that a refused POST must leave alone ----------------------------------------------


def fingerprint(administration=False):
    """What a POST could change: the items, their revisions and workflow; with
    ``administration``, also users, groups, sites, workflows, collections, redirects…"""

    def rows(queryset, *fields):
        return list(queryset.order_by("pk").values_list("pk", *fields))

    draft = (
        "live",
        "has_unpublished_changes",
        "latest_revision",
        "live_revision",
        "locked",
        "locked_by",
        "expire_at",
        "go_live_at",
    )
    state = {
        "pages": rows(Page.objects, "title", "draft_title", "path", "owner", "alias_of", *draft),
        "indicators": rows(Indicator.objects, "name", "department", *draft),
        "commitments": rows(Commitment.objects, "text", "department", *draft),
        "revisions": rows(Revision.objects, "approved_go_live_at"),
        "workflow_states": rows(WorkflowState.objects, "status", "current_task_state"),
        "task_states": rows(TaskState.objects, "status"),
        "page_restrictions": rows(PageViewRestriction.objects, "restriction_type"),
        "documents": rows(PortalDocument.objects, "title", "file", "collection"),
        "images": rows(PortalImage.objects, "title", "file", "collection"),
        "uploads": rows(UploadedFile.objects, "file"),
        "tags": rows(TaggedItem.objects, "tag"),
    }
    if administration:
        user_groups = get_user_model().groups.through.objects
        state |= {
            "workflows": rows(Workflow.objects, "active"),
            "workflow_pages": rows(WorkflowPage.objects.all(), "workflow"),
            "workflow_content_types": list(
                WorkflowContentType.objects.order_by("content_type").values_list(
                    "content_type", "workflow"
                )
            ),
            "tasks": rows(Task.objects, "active"),
            "collection_restrictions": rows(CollectionViewRestriction.objects, "restriction_type"),
            "collections": rows(Collection.objects, "name", "path"),
            "users": rows(get_user_model().objects, "is_active", "is_superuser"),
            "groups": rows(Group.objects, "name"),
            "memberships": sorted(user_groups.values_list("user", "group")),
            "sites": rows(Site.objects, "hostname", "root_page"),
            "redirects": rows(Redirect.objects, "old_path"),
            "search_queries": rows(Query.objects, "query_string"),
        }
    return state


def changes(before, after):
    return sorted(key for key in after if before[key] != after[key])


# --- The data --------------------------------------------------------------------------------


class Ctx:
    """Primary keys of the objects the URL table names with ``Ref(...)``, and page URLs."""


def png_bytes(text):
    """A small PNG whose bytes contain ``text`` (a tEXt chunk)."""
    info = PngInfo()
    info.add_text("Comment", text)
    output = io.BytesIO()
    PILImage.new("RGB", (64, 48), "white").save(output, "PNG", pnginfo=info)
    return output.getvalue()


def reload(obj):
    return type(obj)._default_manager.get(pk=obj.pk)


def approve_in_admin(obj, user):
    """Approve the current task as ``user`` through Wagtail's workflow action view."""
    task_state = obj.current_workflow_task_state
    if isinstance(obj, Page):
        url = reverse("wagtailadmin_pages:workflow_action", args=(obj.pk, "approve", task_state.pk))
    else:
        url = reverse(
            f"wagtailsnippets_rendicion_{obj._meta.model_name}:workflow_action",
            args=(obj.pk, "approve", task_state.pk),
        )
    client = Client()
    client.force_login(user)
    response = client.post(url, {"comment": ""})
    assert response.status_code == 302, (url, response.status_code)
    return reload(obj)


STATES = ("draft", "step1", "step2", "live", "pending")


def drive(obj, state, cls):
    """Take a new draft (saved as a revision) to ``state`` through the workflow, as A's editor
    submits and A's reviewer and the approver approve in the admin ("live" and "pending" are
    published by the final approval)."""
    if state != "draft":
        obj.get_workflow().start(obj, cls.editor_educacion)
        obj = reload(obj)
    if state in ("step2", "live", "pending"):
        obj = approve_in_admin(obj, cls.reviewer_educacion)
    if state in ("live", "pending"):
        obj = approve_in_admin(obj, cls.approver)
    return obj


class AuthorizationMatrixTests(TestCase):
    @classmethod
    def setUpClass(cls):
        cls._media_root = tempfile.mkdtemp(prefix="authz-media-")
        cls._media = override_settings(MEDIA_ROOT=cls._media_root)
        cls._media.enable()
        try:
            super().setUpClass()
        except Exception:
            cls._media.disable()
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            super().tearDownClass()
        finally:
            cls._media.disable()
            shutil.rmtree(cls._media_root, ignore_errors=True)

    @classmethod
    def setUpTestData(cls):
        build_roles(cls)
        cls.administrator = make_user("admin.portal", superuser=True)
        cls.users = {
            "editor_a": cls.editor_educacion,
            "reviewer_a": cls.reviewer_educacion,
            "editor_b": cls.editor_salud,
            "reviewer_b": cls.reviewer_salud,
            "approver": cls.approver,
            "administrator": cls.administrator,
        }
        items = []
        for state in STATES:
            items.append(cls.make_page(state))
        draft = items[0]
        alias = Page.objects.get(pk=draft.pk).specific.create_alias(
            parent=cls.section_educacion,
            update_slug="encuentro-alias",
            user=cls.administrator,  # an alias is published with its page: administrators only
        )
        items.append(
            Item(
                "alias:draft",
                "alias",
                "draft",
                alias.pk,
                draft.app_label,
                draft.model_name,
                draft.secret,
            )
        )
        for state in STATES:
            items.append(cls.make_snippet("indicator", state))
        for state in STATES:
            items.append(cls.make_snippet("commitment", state))
        items += cls.make_media()
        cls.lock_drafts(items)
        cls.fill_workflow_ids(items)
        cls.items = items
        cls.ctx = cls.make_ctx(items)

    # --- items ---

    @classmethod
    def make_page(cls, state):
        public = state in ("live", "pending")
        title = marker("page", state, "title", public=public)
        body = marker("page", state, "body", public=public)
        page = EncounterFactory(
            parent=cls.section_educacion,
            title=title,
            slug=f"encuentro-{state}",
            summary=body,
            department=cls.educacion,
            owner=cls.editor_educacion,
            live=False,
        )
        page.save_revision(user=cls.editor_educacion)
        page = drive(reload(page).specific, state, cls)
        secret, public_markers = (title, body), ()
        if public:
            secret, public_markers = (), (title, body)
        if state == "pending":
            page = reload(page).specific
            page.title = marker("page", state, "title")
            page.summary = marker("page", state, "body")
            page.save_revision(user=cls.editor_educacion)
            secret = (page.title, page.summary)
        page = reload(page)
        return Item(
            f"page:{state}",
            "page",
            state,
            page.pk,
            "rendicion",
            "dialogueencounterpage",
            secret,
            public_markers,
            revision_id=page.latest_revision_id,
        )

    @classmethod
    def make_snippet(cls, kind, state):
        public = state in ("live", "pending")
        title = marker(kind, state, "title", public=public)
        body = marker(kind, state, "body", public=public)
        if kind == "indicator":
            obj = IndicatorFactory(
                code=f"77{STATES.index(state)}",
                slug=f"indicador-{state}",
                name=title,
                programme=body,
                department=cls.educacion,
                live=False,
            )
        else:
            obj = CommitmentFactory(
                text=f"{title} {body}", evidence=body, department=cls.educacion, live=False
            )
        obj.save_revision(user=cls.editor_educacion)
        obj = drive(reload(obj), state, cls)
        secret, public_markers = (title, body), ()
        if public:
            secret, public_markers = (), (title, body)
        if state == "pending":
            obj = reload(obj)
            draft_title, draft_body = marker(kind, state, "title"), marker(kind, state, "body")
            if kind == "indicator":
                obj.name, obj.programme = draft_title, draft_body
            else:
                obj.text, obj.evidence = f"{draft_title} {draft_body}", draft_body
            obj.save_revision(user=cls.editor_educacion)
            secret = (draft_title, draft_body)
        obj = reload(obj)
        return Item(
            f"{kind}:{state}",
            kind,
            state,
            obj.pk,
            "rendicion",
            kind,
            secret,
            public_markers,
            revision_id=obj.latest_revision_id,
        )

    @classmethod
    def make_media(cls):
        editor = cls.editor_educacion
        document = DocumentFactory(
            title=marker("document", "unused", "title"),
            description=marker("document", "unused", "body"),
            content=pdf_bytes(marker("document", "unused", "file")),
            filename="informe-borrador-educacion.pdf",
            department=cls.educacion,
            uploaded_by_user=editor,
        )
        image = PortalImage.objects.create(
            title=marker("image", "unused", "title"),
            caption=marker("image", "unused", "body"),
            file=ImageFile(
                io.BytesIO(png_bytes(marker("image", "unused", "file"))),
                name="foto-borrador-educacion.png",
            ),
            uploaded_by_user=editor,
        )
        uploads = []
        for kind, model, content, extension in (
            ("docupload", PortalDocument, pdf_bytes, "pdf"),
            ("imageupload", PortalImage, png_bytes, "png"),
        ):
            name = marker(kind, "uploading", "file")
            upload = UploadedFile.objects.create(
                file=ContentFile(content(name), name=f"{name}.{extension}"),
                for_content_type=ContentType.objects.get_for_model(model),
                uploaded_by_user=editor,
            )
            uploads.append(
                Item(
                    f"{kind}:uploading",
                    kind,
                    "uploading",
                    upload.pk,
                    "wagtailcore",
                    "uploadedfile",
                    (name,),
                )
            )
        return [
            Item(
                "document:unused",
                "document",
                "unused",
                document.pk,
                "rendicion",
                "portaldocument",
                (document.title, document.description, marker("document", "unused", "file")),
            ),
            Item(
                "image:unused",
                "image",
                "unused",
                image.pk,
                "rendicion",
                "portalimage",
                (image.title, image.caption, marker("image", "unused", "file")),
            ),
            *uploads,
        ]

    @classmethod
    def lock_drafts(cls, items):
        """A's editor locks the drafts in the admin, so that "unlock" has something to refuse."""
        client = Client()
        client.force_login(cls.editor_educacion)
        for item in items:
            if item.state == "draft" and item.kind != "alias":
                name = (
                    "wagtailadmin_pages"
                    if item.kind == "page"
                    else (f"wagtailsnippets_rendicion_{item.kind}")
                )
                response = client.post(reverse(f"{name}:lock", args=(item.pk,)))
                assert response.status_code == 302, (item.key, response.status_code)

    @classmethod
    def fill_workflow_ids(cls, items):
        """The workflow ids a pattern may name: the item's current (else latest) task state and
        workflow state; an item never submitted borrows those of the same kind at step 1."""
        review_task = DepartmentReviewTask.objects.get()
        models = {"page": Page, "indicator": Indicator, "commitment": Commitment}
        for item in items:
            if item.kind not in models:
                continue
            obj = models[item.kind].objects.get(pk=item.pk)
            state = (
                WorkflowState.objects.filter(
                    base_content_type=obj.get_base_content_type(), object_id=str(obj.pk)
                )
                .order_by("-pk")
                .first()
            )
            if state is not None:
                item.workflow_state_id = state.pk
                task_state = state.current_task_state or state.task_states.order_by("-pk").first()
                item.task_state_id = task_state.pk
                current = obj.current_workflow_task
                item.task_id = current.pk if current else review_task.pk
        for item in items:
            if item.kind in models and item.workflow_state_id is None:
                donor = next(i for i in items if i.key == f"{item.kind}:step1")
                item.workflow_state_id = donor.workflow_state_id
                item.task_state_id = donor.task_state_id
                item.task_id = review_task.pk

    @classmethod
    def make_ctx(cls, items):
        ctx = Ctx()
        root_collection = Collection.get_first_root_node()
        public_collection = root_collection.add_child(name="Actas firmadas")
        ctx.section_a, ctx.section_b = cls.section_educacion.pk, cls.section_salud.pk
        ctx.cycle = cls.cycle.pk
        ctx.root_page = Page.get_first_root_node().pk
        ctx.root_collection = root_collection.pk
        ctx.public_collection = public_collection.pk
        ctx.public_collection_row = PublicCollection.objects.create(collection=public_collection).pk
        ctx.workflow = WorkflowPage.objects.get(page=ctx.root_page).workflow_id
        ctx.review_task = DepartmentReviewTask.objects.get().pk
        ctx.redirect = Redirect.objects.create(old_path="/antiguo", redirect_link="/").pk
        ctx.lockout = AccessAttempt.objects.create(
            username="editor.educacion",
            ip_address="203.0.113.9",
            failures_since_start=5,
            user_agent="",
            path_info="/admin/login/",
            get_data="",
            post_data="",
        ).pk
        ctx.search_query = Query.get("presupuesto").pk
        ctx.site = Site.objects.get(is_default_site=True).pk
        ctx.editor_a_pk = cls.editor_educacion.pk
        ctx.editors_b_group = cls.salud.editors_group_id
        ctx.department_a = cls.educacion.pk
        ctx.stakeholder_group = StakeholderGroupFactory().pk
        ctx.menu_item = (
            StandardMenuItem.objects.create(
                menu="transparency",
                number="7",
                title="Datos abiertos",
                link_kind="portal",
                portal_address="opendata_index",
            )
        ).pk
        ctx.population_group = (
            PopulationGroup.objects.first() or PopulationGroup.objects.create(name="Jóvenes")
        ).pk
        ctx.sdg_goal = SdgGoal.objects.order_by("pk").first().pk
        ctx.search_synonym = SearchSynonym.objects.order_by("pk").first().pk
        ctx.sdg_target = SdgTarget.objects.order_by("pk").first().pk
        ctx.page_urls = {
            str(item.pk): Page.objects.get(pk=item.pk).get_url()
            for item in items
            if item.kind == "page"
        }
        return ctx

    # --- running the cases ---

    def setUp(self):
        self.clients = {"anonymous": Client()}
        for role, user in self.users.items():
            self.clients[role] = Client()
            self.clients[role].force_login(user)
        self.before = fingerprint(administration=True)
        self.followed = {}
        self.forbidden = {
            role: list(
                dict.fromkeys(
                    m for item in self.items if not reaches(role, item) for m in item.secret
                )
            )
            for role in ROLES
        }

    def fetch(self, role, method, url, data=None, administration=False):
        """One request as ``role``, in a savepoint that is rolled back: (response, everything
        it tells, what a POST changed)."""
        client = self.clients[role]
        try:
            with transaction.atomic():
                if method == "GET":
                    response = client.get(url)
                elif "/admin/api/" in url:
                    response = client.post(
                        url, json.dumps(data or {}), content_type="application/json"
                    )
                else:
                    response = client.post(url, data or {})
                text = response_text(response)
                changed = []
                if method == "POST":
                    changed = changes(self.before, fingerprint(administration))
                transaction.set_rollback(True)
        finally:
            client.cookies.pop("messages", None)  # read above, from this response
            if method == "POST":
                cache.clear()  # e.g. a moved page's cached site paths
        return response, text, changed

    def must_refuse(self, role, case):
        if case.access == "open":
            return False
        if role == "anonymous":
            return True
        if case.access == "admin":
            return role != "administrator"
        if case.access == "list":
            return False
        if reaches(role, case.item):
            return False
        # "chooser": choosers, the API and bulk confirmations may show a public version.
        return case.access == "item" or not case.item.public

    def refuses(self, role, case, response):
        if refused(response):
            return True
        return response.status_code == 302 and (
            case.redirect_ok or self.redirect_refuses(role, response)
        )

    def redirect_refuses(self, role, response):
        """A redirect to another admin URL is a refusal when that URL refuses the role (e.g. a
        refused workflow action sends the user to the edit view, which refuses them)."""
        location = urlparse(response["Location"])
        if location.netloc not in ("", "testserver"):
            return False
        url = location.path + (f"?{location.query}" if location.query else "")
        if (role, url) not in self.followed:  # every request is rolled back: GETs repeat
            self.followed[role, url] = refused(self.fetch(role, "GET", url)[0])
        return self.followed[role, url]

    def problems(self, role, case, method, refuse):
        """What is wrong with one request (an empty list: nothing)."""
        try:
            response, text, changed = self.fetch(
                role, method, case.url, case.post, administration=case.access == "admin"
            )
        except Exception as error:  # a 500 in production
            return [f"raised {error!r}"]
        problems = []
        if refuse and not self.refuses(role, case, response):
            problems.append(f"answered {describe(response)}")
        lowered = text.lower()
        leaked = [m for m in self.forbidden[role] if m.lower() in lowered]
        if leaked:
            problems.append(f"shows {', '.join(leaked)}")
        if changed:
            problems.append(f"changed {', '.join(changed)}")
        return problems

    def sweep(self, role, only=None, secret_items_only=False, administration=True):
        """Every case of every URL pattern as ``role``: one subtest per pattern, whose failure
        lists each failing (item, method, URL) with what went wrong."""
        by_route = {}
        for case in build_cases(self.ctx, self.items, admin_patterns()):
            if only and case.access not in only:
                continue
            if not administration and case.access == "admin":
                continue
            if secret_items_only and case.item is not None and not case.item.secret:
                continue
            by_route.setdefault(case.route, []).append(case)
        self.assertGreater(len(by_route), 50)  # (the table did fill)
        for route, cases in by_route.items():
            failures = []
            for case in cases:
                refuse = self.must_refuse(role, case)
                if not refuse and not self.forbidden[role]:
                    continue
                methods = (["GET"] if case.get else []) + (
                    ["POST"] if refuse and case.post is not None else []
                )
                for method in methods:
                    found = self.problems(role, case, method, refuse)
                    if found:
                        failures.append(
                            f"  {case.item or '-'} {method} {case.url}: " + "; ".join(found)
                        )
            with self.subTest(route=cases[0].name or route, role=role):
                if failures:
                    self.fail(f"{cases[0].name or route} as {role}:\n" + "\n".join(failures))

    # --- the tests ---

    def test_every_admin_url_is_in_the_table(self):
        patterns = set(admin_patterns())
        self.assertEqual(
            sorted(patterns - ROUTES.keys() - SKIPPED.keys()),
            [],
            "admin URL patterns neither in ROUTES nor in SKIPPED: add them",
        )
        self.assertEqual(sorted((ROUTES.keys() | SKIPPED.keys()) - patterns), [], "stale rows")
        self.assertEqual(sorted(ROUTES.keys() & SKIPPED.keys()), [])

    def test_items_are_in_their_states(self):
        waiting_at = {
            "step1": "Revisión de la dependencia",
            "step2": "Aprobación de Participación Comunitaria",
        }
        models = {"page": Page, "indicator": Indicator, "commitment": Commitment}
        for item in self.items:
            if item.kind not in models:
                continue
            with self.subTest(item.key):
                obj = models[item.kind].objects.get(pk=item.pk)
                task = obj.current_workflow_task
                self.assertEqual(obj.live, item.state in ("live", "pending"))
                self.assertEqual(obj.has_unpublished_changes, item.state != "live")
                self.assertEqual(task and task.name, waiting_at.get(item.state))
                self.assertEqual(obj.locked, item.state == "draft")

    def test_anonymous(self):
        self.sweep("anonymous")

    # Portal administration is refused to every department role: checked for A's roles below
    # (B's groups have the same permissions, made by the same setup_roles).

    def test_editor_of_another_department(self):
        self.sweep("editor_b", administration=False)

    def test_reviewer_of_another_department(self):
        # Like editor B (plus "unlock"); the items that are public are left to editor B's test.
        self.sweep("reviewer_b", secret_items_only=True, administration=False)

    def test_approver(self):
        self.sweep("approver")

    def test_department_roles_stay_out_of_portal_administration(self):
        self.sweep("editor_a", only={"admin"})
        self.sweep("reviewer_a", only={"admin"})

    # --- who reaches an item sees it ---

    def main_views(self, item, role):
        """{label: URL} of the views where ``role``, which reaches ``item``, must find it."""
        pk, home = item.pk, reverse("wagtailadmin_home")
        if item.kind == "page":
            if role == "approver":  # only through the workflow, while it waits for them
                return {
                    "edit": reverse("wagtailadmin_pages:edit", args=(pk,)),
                    "preview": reverse(
                        "wagtailadmin_pages:workflow_preview", args=(pk, item.task_id)
                    ),
                    "dashboard": home,
                }
            return {
                "edit": reverse("wagtailadmin_pages:edit", args=(pk,)),
                "history": reverse("wagtailadmin_pages:history", args=(pk,)),
                "preview": reverse("wagtailadmin_pages:view_draft", args=(pk,)),
                "listing": reverse("wagtailadmin_explore", args=(self.ctx.section_a,)),
            }
        if item.kind in ("indicator", "commitment"):
            views = f"wagtailsnippets_rendicion_{item.kind}"
            if role == "approver":
                return {"edit": reverse(f"{views}:edit", args=(pk,)), "dashboard": home}
            return {
                "edit": reverse(f"{views}:edit", args=(pk,)),
                "history": reverse(f"{views}:history", args=(pk,)),
                "listing": reverse(f"{views}:list"),
            }
        if item.kind == "document":
            views = {
                "chooser": reverse("wagtaildocs_chooser:choose"),
                "download": reverse("document_download", args=(pk,)),
            }
            if role != "reviewer_a":  # reviewers choose the department's uploads, do not edit them
                views |= {
                    "edit": reverse("wagtaildocs:edit", args=(pk,)),
                    "listing": reverse("wagtaildocs:index"),
                }
            return views
        if item.kind == "image":
            views = {"chooser": reverse("wagtailimages_chooser:choose")}
            if role != "reviewer_a":
                views |= {
                    "edit": reverse("wagtailimages:edit", args=(pk,)),
                    "listing": reverse("wagtailimages:index"),
                }
            return views
        return {}  # unfinished uploads: their views only act (POST)

    def test_roles_that_reach_an_item_see_it(self):
        seen = {}  # listings are shared by the items: requested once per role
        for role in ROLES:
            reached = [item for item in self.items if reaches(role, item)]
            for item in reached:
                for label, url in self.main_views(item, role).items():
                    with self.subTest(role=role, item=item.key, view=label):
                        if (role, url) not in seen:
                            seen[role, url] = self.fetch(role, "GET", url)
                        response, text, _changed = seen[role, url]
                        self.assertEqual(response.status_code, 200, f"{url}: {describe(response)}")
                        lowered = text.lower()
                        self.assertTrue(
                            any(m.lower() in lowered for m in item.markers),
                            f"{url} does not show {item.key}",
                        )

    # --- the public side ---

    def web_server(self, role, url):
        """docs/documents.md: the web server serves /media/images/ and /media/original_images/
        from disk, without Django; everything else (documents included) goes to Django."""
        path = urlparse(url).path
        if path.startswith(("/media/images/", "/media/original_images/")):
            file = Path(settings.MEDIA_ROOT, path.removeprefix(settings.MEDIA_URL))
            if file.is_file():
                return HttpResponse(file.read_bytes(), content_type="image/png"), None
            return HttpResponseNotFound(), None
        response, text, _changed = self.fetch(role, "GET", url)
        return response, text

    def public_addresses(self):
        """(label, URL, must be 404) of everything public that could show department A's work."""
        by_key = {item.key: item for item in self.items}
        document = PortalDocument.objects.get(pk=by_key["document:unused"].pk)
        image = PortalImage.objects.get(pk=by_key["image:unused"].pk)
        addresses = [
            ("document_download", reverse("document_download", args=(document.pk,)), True),
            (
                "wagtaildocs_serve",
                reverse("wagtaildocs_serve", args=(document.pk, document.filename)),
                True,
            ),
            ("media documents", settings.MEDIA_URL + document.file.name, True),
            ("media original_images", image.file.url, True),
            (
                "wagtailapi:documents:detail",
                reverse("wagtailapi:documents:detail", args=(document.pk,)),
                True,
            ),
            (
                "wagtailapi:images:detail",
                reverse("wagtailapi:images:detail", args=(image.pk,)),
                True,
            ),
            ("wagtailapi:documents:listing", reverse("wagtailapi:documents:listing"), False),
            ("wagtailapi:images:listing", reverse("wagtailapi:images:listing"), False),
            (
                "wagtailapi:pages:listing",
                reverse("wagtailapi:pages:listing") + f"?search={SEARCH}",
                False,
            ),
            ("search", reverse("search") + f"?q={SEARCH}", False),
            ("search_suggestions", reverse("search_suggestions") + "?q=ZQX", False),
            ("document_library", reverse("document_library"), False),
            ("opendata_documents_csv", reverse("opendata_documents_csv"), False),
            ("opendata_indicators", reverse("opendata_indicators", args=("csv",)), False),
            ("sitemap", reverse("sitemap"), False),
        ]
        for item in self.items:
            if item.kind == "page":
                # Pages that were never published do not exist for the public.
                addresses.append(
                    (f"wagtail_serve {item.key}", self.ctx.page_urls[str(item.pk)], not item.public)
                )
            elif item.kind == "indicator":
                code = Indicator.objects.get(pk=item.pk).url_key
                addresses.append(
                    (f"indicator page {item.key}", f"/indicadores/{code}/", not item.public)
                )
        return addresses

    def test_public_site_shows_nothing_unpublished(self):
        secrets = [m for item in self.items for m in item.secret]
        for role in ("anonymous", "editor_b", "reviewer_b", "approver"):
            for label, url, must_be_missing in self.public_addresses():
                with self.subTest(role=role, address=label):
                    response, text = self.web_server(role, url)
                    text = text if text is not None else response_text(response)
                    lowered = text.lower()
                    leaked = [m for m in secrets if m.lower() in lowered]
                    problems = [f"shows {', '.join(leaked)}"] if leaked else []
                    if must_be_missing and response.status_code != 404:
                        problems.insert(0, f"answered {describe(response)}")
                    if problems:
                        self.fail(f"{label} {url} as {role}: {'; '.join(problems)}")
