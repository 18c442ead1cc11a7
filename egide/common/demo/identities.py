"""Invented French identities and households (pure Python, seeded).

People are of varied origins, as in any French social service: names come from Faker's fr_FR
provider for people of French origin and from hand-written pools for the others. NIRs are built
from the sex, birth date and birth place (department + commune, or 99 + INSEE country code) and
carry their computed key; CAF and France Travail numbers follow their formats.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from faker import Faker

# Communes served (real INSEE codes, so the rights estimate finds the housing zone).
# (city, postal code, INSEE code, commune part of the NIR birth place)
COMMUNES = {
    "lot": [
        ("Villeneuve-sur-Lot", "47300", "47323"),
        ("Villeneuve-sur-Lot", "47300", "47323"),
        ("Villeneuve-sur-Lot", "47300", "47323"),
        ("Bias", "47300", "47027"),
        ("Pujols", "47300", "47215"),
        ("Sainte-Livrade-sur-Lot", "47110", "47252"),
    ],
    "agen": [
        ("Agen", "47000", "47001"),
        ("Agen", "47000", "47001"),
        ("Boé", "47550", "47031"),
        ("Le Passage", "47520", "47201"),
        ("Estillac", "47310", "47091"),
    ],
}

# French departments people of French origin were born in (mostly local, some from elsewhere).
BIRTH_DEPARTMENTS = ["47"] * 6 + ["33", "31", "24", "82", "75", "93", "13", "69", "59", "971", "972", "974"]


@dataclass(frozen=True)
class Origin:
    key: str
    weight: int
    languages: str
    # INSEE country code (birth abroad: department "99" + this code in the NIR).
    country_code: str
    female: tuple[str, ...] = ()
    male: tuple[str, ...] = ()
    surnames: tuple[str, ...] = ()
    # Share of adults of this origin born in France.
    born_in_france: float = 0.4


ORIGINS = (
    Origin("france", 52, "français", "", born_in_france=1.0),
    Origin(
        "maghreb",
        14,
        "français, arabe",
        "352",
        female=(
            "Fatima",
            "Samira",
            "Nadia",
            "Yasmina",
            "Khadija",
            "Leïla",
            "Malika",
            "Amina",
            "Houria",
            "Naïma",
            "Sabrina",
            "Inès",
            "Meriem",
            "Soraya",
            "Zohra",
            "Djamila",
            "Karima",
            "Sarah",
        ),
        male=(
            "Mohamed",
            "Karim",
            "Rachid",
            "Youssef",
            "Mehdi",
            "Samir",
            "Nordine",
            "Abdelkader",
            "Hakim",
            "Bilal",
            "Sofiane",
            "Farid",
            "Mourad",
            "Ilyes",
            "Rayan",
            "Amine",
        ),
        surnames=(
            "Benali",
            "Haddad",
            "Bensaïd",
            "Mansouri",
            "Cherif",
            "Bouzid",
            "Amrani",
            "El Idrissi",
            "Belkacem",
            "Hamidi",
            "Zerrouki",
            "Ouali",
            "Brahimi",
            "Kaci",
            "Mebarki",
            "Slimani",
            "Touati",
            "Aït Ahmed",
            "Benyahia",
            "Chaouch",
        ),
        born_in_france=0.5,
    ),
    Origin(
        "afrique_ouest",
        7,
        "français, wolof",
        "341",
        female=(
            "Aminata",
            "Fatoumata",
            "Awa",
            "Mariama",
            "Kadiatou",
            "Aïssatou",
            "Binta",
            "Coumba",
            "Ndeye",
            "Rokhaya",
            "Safiatou",
            "Oumou",
        ),
        male=(
            "Mamadou",
            "Moussa",
            "Ibrahima",
            "Oumar",
            "Abdoulaye",
            "Souleymane",
            "Cheikh",
            "Boubacar",
            "Seydou",
            "Lamine",
            "Modibo",
            "Amadou",
        ),
        surnames=(
            "Diallo",
            "Traoré",
            "Koné",
            "Ndiaye",
            "Diop",
            "Sow",
            "Camara",
            "Keïta",
            "Cissé",
            "Sylla",
            "Coulibaly",
            "Fofana",
            "Sissoko",
            "Touré",
            "Bâ",
            "Kanté",
        ),
        born_in_france=0.3,
    ),
    Origin(
        "portugal",
        6,
        "français, portugais",
        "139",
        female=("Maria", "Ana", "Fernanda", "Sofia", "Joana", "Rosa", "Catarina", "Helena", "Lúcia", "Inês"),
        male=("José", "João", "Manuel", "António", "Paulo", "Carlos", "Rui", "Nuno", "Luís", "Tiago"),
        surnames=(
            "Da Silva",
            "Pereira",
            "Ferreira",
            "Rodrigues",
            "Gonçalves",
            "Fernandes",
            "Lopes",
            "Teixeira",
            "Carvalho",
            "Moreira",
            "Oliveira",
            "Sousa",
        ),
        born_in_france=0.6,
    ),
    Origin(
        "turquie",
        4,
        "turc, français",
        "208",
        female=("Ayşe", "Fatma", "Elif", "Zeynep", "Emine", "Hatice", "Meryem", "Esra"),
        male=("Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Hasan", "Emre", "Murat"),
        surnames=(
            "Yilmaz",
            "Kaya",
            "Demir",
            "Şahin",
            "Çelik",
            "Yıldız",
            "Öztürk",
            "Aydın",
            "Arslan",
            "Doğan",
        ),
        born_in_france=0.4,
    ),
    Origin(
        "roumanie",
        3,
        "roumain",
        "114",
        female=("Elena", "Ioana", "Mihaela", "Andreea", "Florentina", "Gabriela", "Nicoleta"),
        male=("Ion", "Gheorghe", "Constantin", "Florin", "Marian", "Adrian", "Ionuț"),
        surnames=("Popescu", "Ionescu", "Stoica", "Dumitru", "Constantin", "Lungu", "Munteanu", "Stan"),
        born_in_france=0.1,
    ),
    Origin(
        "comores",
        3,
        "français, shikomori",
        "397",
        female=("Mariama", "Zaïnaba", "Faïza", "Anlia", "Rahma", "Echati"),
        male=("Said", "Ali", "Abdallah", "Nassur", "Ahmed", "Soilihi"),
        surnames=("Mohamed", "Abdou", "Said Ali", "Ahamada", "Msa", "Youssouf", "Madi", "Soilihi"),
        born_in_france=0.3,
    ),
    Origin(
        "afghanistan_syrie",
        3,
        "dari, pachto",
        "212",
        female=("Fariba", "Maryam", "Zahra", "Nargis", "Shabnam", "Rana", "Layla"),
        male=("Ahmad", "Wahid", "Hamid", "Jawad", "Omar", "Khaled", "Tarek", "Nasir"),
        surnames=("Ahmadi", "Rahimi", "Hakimi", "Karimi", "Haidari", "Al Hassan", "Darwish", "Khalil"),
        born_in_france=0.0,
    ),
    Origin(
        "vietnam",
        2,
        "français, vietnamien",
        "243",
        female=("Thi Lan", "Mai", "Hoa", "Linh", "Thu", "Huong"),
        male=("Van Minh", "Duc", "Quang", "Tuan", "Hung", "Long"),
        surnames=("Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui"),
        born_in_france=0.5,
    ),
    Origin(
        "ukraine",
        2,
        "ukrainien, russe",
        "155",
        female=("Olena", "Iryna", "Natalia", "Oksana", "Tetiana", "Svitlana"),
        male=("Oleksandr", "Andriy", "Serhiy", "Dmytro", "Mykola", "Vitaliy"),
        surnames=("Kovalenko", "Bondarenko", "Shevchenko", "Tkachenko", "Melnyk", "Kravchenko"),
        born_in_france=0.0,
    ),
)

HOUSEHOLD_KINDS = (
    ("single", 27),
    ("single_parent", 22),
    ("couple_children", 18),
    ("couple", 8),
    ("elderly_alone", 12),
    ("elderly_couple", 4),
    ("with_parent", 4),
    ("young_adult", 5),
)


@dataclass
class PersonSpec:
    """The fields of a Person (egide.people.models.Person), plus what the generators need."""

    birth_name: str
    first_names: str
    sex: str
    birth_date: dt.date
    origin: str
    usage_name: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    postal_code: str = ""
    city: str = ""
    commune_insee: str = ""
    nir: str = ""
    caf_number: str = ""
    france_travail_id: str = ""
    languages: str = ""
    needs_digital_help: bool = False
    activity: str = ""
    net_salary: Decimal | None = None
    unemployment_benefit: Decimal | None = None
    pension: Decimal | None = None
    disability_rate: int | None = None
    benefits_received: str = ""
    # Not stored on Person: household role and relationship, and whether the file is followed.
    household_role: str = "demandeur"
    relationship: str = ""
    followed: bool = False

    @property
    def last_name(self) -> str:
        return self.usage_name or self.birth_name

    @property
    def first_name(self) -> str:
        return self.first_names.split()[0]

    def age_on(self, day: dt.date) -> int:
        years = day.year - self.birth_date.year
        return years - ((day.month, day.day) < (self.birth_date.month, self.birth_date.day))

    def model_fields(self) -> dict:
        """Keyword arguments for egide.people.models.Person."""
        names = [
            "birth_name",
            "usage_name",
            "first_names",
            "birth_date",
            "sex",
            "phone",
            "email",
            "address",
            "postal_code",
            "city",
            "commune_insee",
            "nir",
            "caf_number",
            "france_travail_id",
            "languages",
            "needs_digital_help",
            "activity",
            "net_salary",
            "unemployment_benefit",
            "pension",
            "disability_rate",
            "benefits_received",
        ]
        return {name: getattr(self, name) for name in names}


@dataclass
class RelativeSpec:
    first_name: str
    last_name: str
    relationship: str
    is_caregiver: bool = False
    phone: str = ""
    email: str = ""


@dataclass
class HouseholdSpec:
    kind: str
    name: str
    housing_status: str
    rent: Decimal | None
    commune_insee: str
    members: list[PersonSpec] = field(default_factory=list)
    # Relatives and caregivers not followed themselves, attached to the applicant.
    relatives: list[RelativeSpec] = field(default_factory=list)

    @property
    def applicant(self) -> PersonSpec:
        return self.members[0]

    @property
    def partner(self) -> PersonSpec | None:
        return next((m for m in self.members if m.household_role == "conjoint"), None)

    @property
    def children(self) -> list[PersonSpec]:
        return [m for m in self.members if m.household_role == "enfant"]


def nir_key(body: str) -> str:
    """The 2-digit key of a 13-character NIR body (Corsica's 2A/2B count as 19/18)."""
    numeric = int(body.replace("2A", "19").replace("2B", "18"))
    return f"{97 - numeric % 97:02d}"


def make_nir(sex: str, birth_date: dt.date, department: str, place: str, order: int) -> str:
    """A NIR with its computed key. `department` is 2 digits (3 for overseas), `place` completes 5 chars."""
    body = f"{1 if sex == 'M' else 2}{birth_date.year % 100:02d}{birth_date.month:02d}{department}{place}{order:03d}"
    return body + nir_key(body)


def _weighted(rng: random.Random, pairs):
    items, weights = zip(*pairs, strict=True)
    return rng.choices(items, weights=weights)[0]


def _money(rng: random.Random, low: float, high: float) -> Decimal:
    return Decimal(f"{rng.uniform(low, high):.2f}")


def _fold_ascii(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and (c.isalnum() or c in ".-")).lower()


class IdentityFactory:
    """Seeded maker of households. One instance per process; `area` picks the communes served."""

    def __init__(self, seed: int, *, area: str = "lot", today: dt.date | None = None):
        self.rng = random.Random(seed)  # noqa: S311 - reproducible invented data, not security
        self.fake = Faker("fr_FR")
        self.fake.seed_instance(seed)
        self.area = area
        self.today = today or dt.date.today()
        self._origins = [(o, o.weight) for o in ORIGINS]

    # -- names --------------------------------------------------------------------------------
    def _origin(self) -> Origin:
        return _weighted(self.rng, self._origins)

    def _first_name(self, origin: Origin, sex: str, birth_year: int) -> str:
        rng = self.rng
        if origin.key == "france" or (birth_year > 2005 and rng.random() < 0.35):
            name = self.fake.first_name_female() if sex == "F" else self.fake.first_name_male()
        else:
            name = rng.choice(origin.female if sex == "F" else origin.male)
        if origin.key == "france" and rng.random() < 0.15:
            second = self.fake.first_name_female() if sex == "F" else self.fake.first_name_male()
            if second != name:
                name = f"{name} {second}"
        return name

    def _surname(self, origin: Origin) -> str:
        if origin.key == "france":
            return self.fake.last_name()
        return self.rng.choice(origin.surnames)

    # -- contact and identifiers --------------------------------------------------------------
    def _phone(self, mobile: bool = True) -> str:
        rng = self.rng
        prefix = rng.choice(["06", "07"]) if mobile else "05"
        return " ".join([prefix, *(f"{rng.randint(0, 99):02d}" for _ in range(4))])

    def _email(self, first: str, last: str) -> str:
        domain = self.rng.choice(["laposte.net", "orange.fr", "gmail.com", "free.fr", "sfr.fr", "outlook.fr"])
        sep = self.rng.choice([".", "", "-"])
        suffix = str(self.rng.randint(1, 99)) if self.rng.random() < 0.4 else ""
        return f"{_fold_ascii(first.split()[0])}{sep}{_fold_ascii(last)}{suffix}@{domain}".replace(" ", "")

    def _birth_place(self, origin: Origin, born_in_france: bool) -> tuple[str, str]:
        if not born_in_france and origin.country_code:
            return "99", origin.country_code
        department = self.rng.choice(BIRTH_DEPARTMENTS)
        if department == "47":
            return "47", self.rng.choice(["323", "001", "157", "027", "215", "252", "031"])
        if len(department) == 3:
            return department, f"{self.rng.randint(1, 34):02d}"
        return department, f"{self.rng.randint(1, 400):03d}"

    def _person(
        self,
        origin: Origin,
        sex: str,
        age: int,
        *,
        surname: str | None = None,
        born_in_france: bool | None = None,
    ) -> PersonSpec:
        rng = self.rng
        birth_date = self.today - dt.timedelta(days=age * 365 + rng.randint(0, 364))
        if born_in_france is None:
            born_in_france = rng.random() < origin.born_in_france
        person = PersonSpec(
            birth_name=surname or self._surname(origin),
            first_names=self._first_name(origin, sex, birth_date.year),
            sex=sex,
            birth_date=birth_date,
            origin=origin.key,
            languages=origin.languages if (age >= 16 or origin.key != "france") else "",
        )
        if age >= 18 and rng.random() < 0.55:
            department, place = self._birth_place(origin, born_in_france)
            person.nir = make_nir(sex, birth_date, department, place, rng.randint(1, 999))
        if age >= 16:
            if rng.random() < 0.85:
                person.phone = self._phone()
            if rng.random() < 0.45:
                person.email = self._email(person.first_names, person.birth_name)
        return person

    def _address(self) -> tuple[str, str, str, str]:
        city, postal_code, insee = self.rng.choice(COMMUNES[self.area])
        street = self.fake.street_name()
        number = self.rng.randint(1, 180)
        extra = ""
        if self.rng.random() < 0.3:
            extra = f", bât. {self.rng.choice('ABCDE')}, apt {self.rng.randint(1, 48)}"
        return f"{number} {street}{extra}", postal_code, city, insee

    # -- resources ----------------------------------------------------------------------------
    def _adult_situation(self, p: PersonSpec, *, has_children: bool) -> None:
        rng = self.rng
        age = p.age_on(self.today)
        benefits: list[str] = []
        if age >= 65:
            p.activity = "retraite"
            p.pension = _money(rng, 650, 1450)
            if p.pension < 1000 and rng.random() < 0.4:
                benefits.append("aspa")
        elif age < 25 and rng.random() < 0.3:
            p.activity = "etudiant"
        else:
            p.activity = _weighted(rng, [("actif", 35), ("chomeur", 30), ("inactif", 35)])
            if p.activity == "actif":
                p.net_salary = _money(rng, 450, 1850)
                if p.net_salary < 1400:
                    benefits.append("ppa")
            elif p.activity == "chomeur":
                p.france_travail_id = (
                    f"{rng.randint(0, 9_999_999):07d}{rng.choice('0123456789ABCDEFGHJKLMNPRSTUVWXYZ')}"
                )
                if rng.random() < 0.6:
                    p.unemployment_benefit = _money(rng, 480, 1250)
                else:
                    benefits.append("rsa")
            else:
                benefits.append("rsa")
            if rng.random() < 0.12:
                p.disability_rate = rng.choice([50, 80, 80])
                if p.disability_rate >= 80:
                    benefits = [b for b in benefits if b != "rsa"] + ["aah"]
        if has_children:
            benefits.append("af")
        if benefits or rng.random() < 0.5:
            p.caf_number = f"{rng.randint(1_000_000, 9_999_999)}"
        p.needs_digital_help = age >= 70 or rng.random() < 0.18
        p.benefits_received = ",".join(dict.fromkeys(benefits))

    def _housing(self, kind: str) -> tuple[str, Decimal | None]:
        rng = self.rng
        if kind == "young_adult" and rng.random() < 0.4:
            return "loge_gratuitement", None
        status = _weighted(
            rng,
            [
                ("locataire_hlm", 40),
                ("locataire_vide", 30),
                ("locataire_meuble", 7),
                ("loge_gratuitement", 8),
                ("proprietaire", 8 if kind.startswith("elderly") else 2),
                ("sans_domicile", 4),
            ],
        )
        if status.startswith("locataire"):
            base = {"locataire_hlm": (290, 560), "locataire_vide": (380, 720), "locataire_meuble": (350, 600)}
            return status, _money(rng, *base[status]).quantize(Decimal("1"))
        return status, None

    # -- households ---------------------------------------------------------------------------
    def household(self) -> HouseholdSpec:
        rng = self.rng
        kind = _weighted(rng, HOUSEHOLD_KINDS)
        origin = self._origin()
        members: list[PersonSpec] = []
        relatives: list[RelativeSpec] = []

        def child(surname: str, parent_age: int, child_origin: Origin) -> PersonSpec:
            age = rng.randint(0, min(17, max(0, parent_age - 18)))
            c = self._person(
                child_origin, rng.choice("FM"), age, surname=surname, born_in_france=rng.random() < 0.85
            )
            c.household_role = "enfant"
            c.relationship = "fille" if c.sex == "F" else "fils"
            return c

        if kind in {"single", "young_adult"}:
            age = rng.randint(18, 25) if kind == "young_adult" else rng.randint(26, 63)
            members.append(self._person(origin, _weighted(rng, [("F", 48), ("M", 50), ("X", 2)]), age))
        elif kind == "single_parent":
            sex = "F" if rng.random() < 0.85 else "M"
            age = rng.randint(20, 52)
            parent = self._person(origin, sex, age)
            members.append(parent)
            other_parent_surname = self._surname(origin)
            children_surname = parent.birth_name if rng.random() < 0.5 else other_parent_surname
            for _ in range(_weighted(rng, [(1, 40), (2, 35), (3, 18), (4, 7)])):
                members.append(child(children_surname, age, origin))
            if rng.random() < 0.55:
                other_sex = "M" if sex == "F" else "F"
                relatives.append(
                    RelativeSpec(
                        first_name=self._first_name(origin, other_sex, 1985),
                        last_name=other_parent_surname,
                        relationship="père des enfants" if other_sex == "M" else "mère des enfants",
                        phone=self._phone() if rng.random() < 0.6 else "",
                    )
                )
        elif kind in {"couple", "couple_children"}:
            age = rng.randint(22, 60)
            man = self._person(origin, "M", age + rng.randint(-3, 6))
            woman_origin = origin if rng.random() < 0.85 else self._origin()
            woman = self._person(woman_origin, "F", age)
            married = rng.random() < 0.5
            if married and rng.random() < 0.6:
                woman.usage_name = man.birth_name
            applicant, partner = (woman, man) if rng.random() < 0.6 else (man, woman)
            partner.household_role = "conjoint"
            partner.relationship = (
                ("épouse" if partner.sex == "F" else "époux")
                if married
                else ("compagne" if partner.sex == "F" else "compagnon")
            )
            members += [applicant, partner]
            if kind == "couple_children":
                for _ in range(_weighted(rng, [(1, 30), (2, 38), (3, 22), (4, 8), (5, 2)])):
                    members.append(child(man.birth_name, age, origin))
        elif kind == "elderly_alone":
            person = self._person(origin, "F" if rng.random() < 0.7 else "M", rng.randint(68, 94))
            members.append(person)
            caregiver_sex = rng.choice("FM")
            relatives.append(
                RelativeSpec(
                    first_name=self._first_name(origin, caregiver_sex, 1970),
                    last_name=person.birth_name if caregiver_sex == "M" else self._surname(origin),
                    relationship="fille" if caregiver_sex == "F" else "fils",
                    is_caregiver=rng.random() < 0.7,
                    phone=self._phone(),
                )
            )
            if rng.random() < 0.3:
                relatives.append(
                    RelativeSpec(
                        first_name=self.fake.first_name(),
                        last_name=self.fake.last_name(),
                        relationship=rng.choice(
                            ["voisine", "voisin", "amie", "mandataire judiciaire (curatelle)"]
                        ),
                        is_caregiver=False,
                        phone=self._phone(mobile=False),
                    )
                )
        elif kind == "elderly_couple":
            age = rng.randint(68, 90)
            man = self._person(origin, "M", age + rng.randint(0, 4))
            woman = self._person(origin, "F", age)
            woman.usage_name = man.birth_name
            partner = man
            partner.household_role = "conjoint"
            partner.relationship = "époux"
            members += [woman, partner]
            relatives.append(
                RelativeSpec(
                    first_name=self._first_name(origin, "F", 1965),
                    last_name=man.birth_name,
                    relationship="fille",
                    is_caregiver=True,
                    phone=self._phone(),
                )
            )
        else:  # with_parent: an adult living with an elderly parent they care for
            age = rng.randint(40, 62)
            adult = self._person(origin, rng.choice("FM"), age)
            parent = self._person(origin, "F", age + rng.randint(22, 32), surname=adult.birth_name)
            parent.household_role = "autre"
            parent.relationship = "mère"
            members += [adult, parent]
            relatives.append(
                RelativeSpec(
                    first_name=self._first_name(origin, rng.choice("FM"), 1975),
                    last_name=adult.birth_name,
                    relationship=rng.choice(["sœur", "frère"]),
                    phone=self._phone(),
                )
            )

        housing_status, rent = self._housing(kind)
        address, postal_code, city, insee = self._address()
        has_children = any(m.household_role == "enfant" for m in members)
        for m in members:
            if housing_status != "sans_domicile":
                m.address, m.postal_code, m.city, m.commune_insee = address, postal_code, city, insee
            elif m is members[0]:
                m.address = "Domiciliation : CCAS, place de la Mairie"
                m.postal_code, m.city, m.commune_insee = postal_code, city, insee
            if m.household_role in {"demandeur", "conjoint", "autre"}:
                self._adult_situation(m, has_children=has_children and m.household_role != "autre")
        members[0].followed = True
        if members[0].household_role == "demandeur" and len(members) > 1:
            second = members[1]
            if second.household_role in {"conjoint", "autre"} and rng.random() < 0.25:
                second.followed = True
        # The CAF number belongs to the household's allocataire: share it.
        caf = next((m.caf_number for m in members if m.caf_number), "")
        for m in members:
            if m.household_role == "conjoint":
                m.caf_number = caf
        name = f"Foyer {members[0].last_name.upper()}"
        return HouseholdSpec(
            kind=kind,
            name=name,
            housing_status=housing_status,
            rent=rent,
            commune_insee="" if housing_status == "sans_domicile" else insee,
            members=members,
            relatives=relatives,
        )
