"""The directory API: responses as its OpenAPI schema describes them."""

from django.urls import reverse


def test_vocabularies_are_one_object_as_the_schema_says(client, db):
    # Regression: the schema said "array" for an object with a list per vocabulary.
    from drf_spectacular.generators import SchemaGenerator

    from northern_connections.directory.models import ValueChain

    ValueChain.objects.create(slug="offshore-wind", name="Offshore wind")
    body = client.get(reverse("api:v1:vocabulary-list")).json()
    assert body["value_chains"] == [{"slug": "offshore-wind", "name": "Offshore wind"}]
    assert body["value_chain_steps"] == []
    schema = SchemaGenerator(api_version="v1").get_schema(request=None, public=True)
    response = schema["paths"]["/api/v1/vocabularies/"]["get"]["responses"]["200"]["content"]["application/json"]
    component = schema["components"]["schemas"][response["schema"]["$ref"].rsplit("/", 1)[1]]
    assert component["type"] == "object" and set(component["required"]) == {"value_chains", "value_chain_steps"}
