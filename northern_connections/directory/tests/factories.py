import factory

from northern_connections.directory.models import ContactPerson, Organisation, Partner, Partnership


class OrganisationFactory(factory.django.DjangoModelFactory):
    """An established, verified organisation (most tests are about what such organisations do).

    Tests of verification itself ask for `verification_status="unverified"` explicitly.
    """

    class Meta:
        model = Organisation

    verification_status = "verified"

    kind = "sme"
    name = factory.Sequence(lambda n: f"Organisation {n} ApS")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    country = "DK"
    city = "Esbjerg"
    description = "We build offshore wind foundations and service vessels."
    description_language = "en"


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
    gdpr_consent = True


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda n: f"Partnership {n}")
    slug = factory.Sequence(lambda n: f"partnership-{n}")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    partnership = factory.SubFactory(PartnershipFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "partner"
