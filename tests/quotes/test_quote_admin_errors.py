"""All the errors of a save at once, each beside its field, listed in the banner as links."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from quotes import services
from sources import services as source_services
from tests.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:quotes_quote_add")


@pytest.fixture
def article(editor):
    return source_services.source_create(
        title="Rusia dan Cina Perkuat Kerja Sama",
        published_at=datetime(2023, 9, 20, 14, 35, tzinfo=ZoneInfo("Asia/Jakarta")),
        timezone="Asia/Jakarta",
        user=editor,
    )


def test_a_verdict_error_and_a_date_error_are_shown_together_beside_their_fields(client, reviewer, article):
    wang = services.speaker_create(name="Wang Yi", user=reviewer)
    client.force_login(reviewer)
    data = admin_form_data(
        client.get(ADD_URL),
        text="Kerja sama kedua negara akan terus diperdalam",
        speaker=str(wang.pk),
        language="id",
        type="direct",
        status="disputed",
        said_on="2023-09-21",
        **{"citations-TOTAL_FORMS": "1", "citations-0-source": str(article.pk)},
    )

    response = client.post(ADD_URL, data)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "a verdict note is required" in form.errors["status_note"][0]
    citation = response.context["inline_admin_formsets"][0].formset.forms[0]
    assert "a source cannot report words before they are said" in citation.errors["source"][0]
    links = response.context["error_links"]
    assert [(target, label) for target, label, _ in links] == [
        ("id_status_note", "Verdict note"),
        ("id_citations-0-source", "Citation 1, Source"),
    ]
    page = response.content.decode()
    assert 'class="errornote error-summary"' in page
    assert '<a href="#id_citations-0-source">Citation 1, Source: Said on 2023-09-21' in page


def test_a_missing_speaker_and_text_are_both_listed(client, editor):
    client.force_login(editor)
    data = admin_form_data(client.get(ADD_URL), language="id", type="direct", status="unverified")

    response = client.post(ADD_URL, data)

    targets = [target for target, _, _ in response.context["error_links"]]
    assert targets == ["id_text", "id_speaker"]
    assert "Please correct the 2 errors below" in response.content.decode()
