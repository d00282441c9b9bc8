"""A name's script follows its letters (releases/models/names.py): a Cyrillic name is never
stored as Latin, and a name mixing the two alphabets (a look-alike letter) is refused."""
import pytest
from django.core.exceptions import ValidationError

from releases.models import PrisonerName, Romanization, Script
from tests.support.factories import PartyFactory, PrisonerFactory


@pytest.mark.parametrize("text", ["Алена Маўшук", "Сяргей Ціханоўскі", "Николай Статкевич"])
def test_a_cyrillic_name_left_as_latin_is_stored_as_cyrillic_and_native(db, text):
    name = PrisonerName(prisoner=PrisonerFactory(), text=text)  # the form's defaults: Latin, press
    name.full_clean()
    name.save()
    name.refresh_from_db()
    assert (name.script, name.romanization) == (Script.CYRILLIC, Romanization.NATIVE)


def test_a_chosen_romanization_is_kept(db):
    name = PrisonerName(prisoner=PrisonerFactory(), text="Маўшук", romanization=Romanization.OTHER)
    name.full_clean()
    assert (name.script, name.romanization) == (Script.CYRILLIC, Romanization.OTHER)


@pytest.mark.parametrize("text", ["Cichanoŭski", "Łukašenka", "Maushuk", "O'Brien-Smith"])
def test_latin_names_stay_latin_and_cannot_be_called_cyrillic(db, text):
    name = PrisonerName(prisoner=PrisonerFactory(), text=text)
    name.full_clean()
    assert name.script == Script.LATIN
    name.script = Script.CYRILLIC
    with pytest.raises(ValidationError) as refused:
        name.full_clean()
    assert "Latin letters" in str(refused.value.message_dict["script"])


def test_a_look_alike_letter_from_the_other_alphabet_is_refused(db):
    # "Maushuk" with a Cyrillic "а": no search by either spelling would ever find it.
    name = PrisonerName(prisoner=PrisonerFactory(), text="M\u0430ushuk")
    with pytest.raises(ValidationError) as refused:
        name.full_clean()
    assert "mixes Cyrillic and Latin letters" in refused.value.message_dict["text"][0]


def test_party_names_follow_the_same_rule(db):
    from releases.models import PartyName

    name = PartyName(party=PartyFactory(), text="Министерство иностранных дел")
    name.full_clean()
    assert name.script == Script.CYRILLIC
