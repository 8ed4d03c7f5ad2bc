import datetime as dt

from django.template.loader import render_to_string

from simpul.registry.forms import OwnerForm


def test_a_saved_date_comes_back_into_the_date_box():
    """<input type=date> shows only ISO values; the wizard's step 2 shown again keeps the
    birth date instead of an empty box the owner must fill a second time."""
    form = OwnerForm(initial={"birth_date": dt.date(1985, 3, 2)})
    assert 'type="date"' in str(form["birth_date"])
    assert 'value="1985-03-02"' in str(form["birth_date"])


def test_radio_choices_are_labelled_and_grouped():
    form = OwnerForm()
    html = render_to_string("_field.html", {"field": form["gender"]})
    assert 'role="radiogroup" aria-labelledby="id_gender-label"' in html
    assert '<span class="label" id="id_gender-label">Jenis kelamin</span>' in html
    # Each radio sits inside its label, so tapping the word picks it.
    assert '<label class="choice"><input type="radio" name="gender" value="P"' in html
