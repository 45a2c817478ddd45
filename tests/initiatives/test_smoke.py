import pytest

from tests.factories import InitiativePageFactory


@pytest.mark.django_db
def test_initiative_page_renders(client, index):
    initiative = InitiativePageFactory(parent=index, title="Buurthuis Wielwijk")
    response = client.get(initiative.url)
    assert response.status_code == 200
    assert "Buurthuis Wielwijk" in response.content.decode()
