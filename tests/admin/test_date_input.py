"""Dates as editors type them: ISO and day first with dots are read, slashes are refused with a
message saying how to write the date, never read one way or the other in silence."""
import datetime
import re

import pytest

from releases.models import ReleaseEvent
from tests.support.admin import ADMIN, errors_in, release_form
from tests.support.factories import ReleaseEventFactory

ADD_RELEASE = ADMIN + "releases/releaseevent/add/"


@pytest.mark.parametrize("typed", ["2025-06-21", "21.06.2025", "21 June 2025", "21 Jun 2025"])
def test_iso_and_day_first_dates_are_read_as_the_21st_of_june(client, editor, typed):
    client.force_login(editor)
    response = client.post(ADD_RELEASE, release_form(date_from=typed, date_to="", announced_total=""))
    assert response.status_code == 302, errors_in(response)
    assert ReleaseEvent.objects.get().date_from == datetime.date(2025, 6, 21)


@pytest.mark.parametrize("typed", ["02/12/2025", "12/02/2025", "21/06/2025", "06/21/2025", " 2/3/25 "])
def test_a_date_with_slashes_is_refused_saying_how_to_write_it(client, editor, typed):
    client.force_login(editor)
    response = client.post(ADD_RELEASE, release_form(date_from=typed, date_to="", announced_total=""))
    assert response.status_code == 200
    page = response.content.decode()
    assert "day first in some countries and month first in others" in page
    assert "2025-06-21, or with the day first and dots: 21.06.2025" in page
    assert not ReleaseEvent.objects.exists()


def test_the_calendar_writes_and_the_form_shows_iso(client, editor):
    client.force_login(editor)
    # The admin's calendar writes the first input format (its JavaScript catalogue says which).
    catalogue = client.get(ADMIN + "jsi18n/").content.decode()
    assert re.search(r'"DATE_INPUT_FORMATS": \[\s*"%Y-%m-%d"', catalogue), catalogue[:2000]
    event = ReleaseEventFactory(date_from=datetime.date(2025, 6, 21), date_to=datetime.date(2025, 6, 21))
    page = client.get(ADMIN + f"releases/releaseevent/{event.pk}/change/").content.decode()
    assert 'value="2025-06-21"' in page


def test_every_date_field_of_every_admin_form_and_inline_reads_dates_this_way(rf, superuser_request):
    from django import forms
    from django.contrib import admin

    from releases.admin.dates import EditorDateField

    checked = []
    for model, model_admin in admin.site._registry.items():
        form_classes = [model_admin.get_form(superuser_request)]
        form_classes += [inline.get_formset(superuser_request).form
                         for inline in model_admin.get_inline_instances(superuser_request)]
        for form_class in form_classes:
            for name, field in form_class.base_fields.items():
                if isinstance(field, forms.DateField):
                    checked.append(f"{form_class.__name__}.{name}")
                    assert isinstance(field, EditorDateField), checked[-1]
    # Releases, people (and their detentions, statuses, recognitions), sources at least.
    assert len(checked) >= 7, checked


@pytest.fixture
def superuser_request(rf, db):
    from django.contrib.auth.models import User

    request = rf.get("/")
    request.user = User.objects.create_superuser("root", password="not-used-here")
    return request
