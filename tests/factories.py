"""factory_boy factories with Dutch Faker: synthetic people only."""

import datetime
import random

import factory
from django.contrib.auth.models import Group

from clients.constants import Fase, Wijk
from clients.groepen.models import Groepslidmaatschap
from clients.models import Client, Contactpersoon, Uitkeringsperiode
from deventer_werk.accounts.constants import ROL_ORGANISATIE
from deventer_werk.accounts.models import User
from klantgroepen.models import Klantgroep

factory.Faker._DEFAULT_LOCALE = "nl_NL"

_rng = random.Random(12345)


def make_bsn(rng: random.Random = _rng) -> str:
    """A random synthetic BSN that passes the elfproef."""
    while True:
        digits = [rng.randint(0, 9) for _ in range(8)]
        if digits[0] == 0 and digits[1] == 0:
            continue
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        last = total % 11
        if last < 10:
            return "".join(map(str, digits)) + str(last)


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"medewerker{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("Test-Wachtwoord-2026")

    @factory.post_generation
    def rol(self, create, extracted, **kwargs):
        if not create or not extracted:
            return
        self.groups.add(Group.objects.get(name=extracted))
        self.organisatie = ROL_ORGANISATIE[extracted]
        self.save(update_fields=["organisatie"])


class ClientFactory(factory.django.DjangoModelFactory[Client]):
    class Meta:
        model = Client

    bsn = factory.LazyFunction(make_bsn)
    voornamen = factory.Faker("first_name")
    achternaam = factory.Faker("last_name")
    geboortedatum = factory.Faker("date_of_birth", minimum_age=18, maximum_age=66)
    straat = factory.Faker("street_name")
    huisnummer = factory.Sequence(lambda n: str(n % 200 + 1))
    postcode = "7411 AB"
    wijk = Wijk.BINNENSTAD
    fase = Fase.INGEDEELD


class PeriodeFactory(factory.django.DjangoModelFactory[Uitkeringsperiode]):
    class Meta:
        model = Uitkeringsperiode

    client = factory.SubFactory(ClientFactory)
    melddatum = datetime.date(2025, 1, 6)
    startdatum = datetime.date(2025, 1, 20)


def klantgroep(code: str) -> Klantgroep:
    return Klantgroep.objects.get(code=code)


def client_in_groep(
    code: str,
    *,
    van: datetime.date = datetime.date(2025, 2, 1),
    io: User | None = None,
    dwt: User | None = None,
    **kwargs,
) -> Client:
    """A client with a benefit episode, a current klantgroep and contact persons."""
    client = ClientFactory.create(**kwargs)
    PeriodeFactory(client=client)
    Groepslidmaatschap.objects.create(
        client=client, klantgroep=klantgroep(code), van=van, soort="eerste_indeling"
    )
    for medewerker in (io, dwt):
        if medewerker is not None:
            Contactpersoon.objects.create(
                client=client, organisatie=medewerker.organisatie, medewerker=medewerker, van=van
            )
    return client


def bulk_clients(
    n: int,
    groep: str | Klantgroep = "zorgen",
    *,
    van: datetime.date = datetime.date(2025, 2, 1),
    medewerker: User | None = None,
    periode: datetime.date | None = None,
    **velden,
) -> list[Client]:
    """``n`` clients in a few queries (for pinned query counts at 1,000 rows): each in
    ``groep`` from ``van``, with ``medewerker`` as contact (of the medewerker's organisation)
    and, with ``periode``, a benefit episode reported that day."""
    if isinstance(groep, str):
        groep = klantgroep(groep)
    clients = Client.objects.bulk_create(
        ClientFactory.build(bsn=make_bsn(), **velden) for _ in range(n)
    )
    Groepslidmaatschap.objects.bulk_create(
        Groepslidmaatschap(client=c, klantgroep=groep, van=van, soort="eerste_indeling")
        for c in clients
    )
    if medewerker is not None:
        Contactpersoon.objects.bulk_create(
            Contactpersoon(
                client=c, organisatie=medewerker.organisatie, medewerker=medewerker, van=van
            )
            for c in clients
        )
    if periode is not None:
        start = periode + datetime.timedelta(days=1)
        Uitkeringsperiode.objects.bulk_create(
            Uitkeringsperiode(client=c, melddatum=periode, startdatum=start) for c in clients
        )
    return clients
