"""Build the name lexicons shipped in ``data/`` (a developer tool, not used at run time).

The lexicons are generic: the given names and family names of Faker's person providers for every
locale written in (or transliterable to) the Latin script, plus a short supplement of names common
in France whose usual spelling comes from Arabic, Berber, West African, Turkish, Kurdish, Afghan
or Tamil, which Faker only ships in their own scripts. They are not built from any annotated
corpus. Run ``python -m egide.pseudonymize.lexicon_build`` (needs Faker, a test dependency) to
regenerate the files; the engine only reads the text files.
"""

from __future__ import annotations

import importlib
import os
import re
import unicodedata
from pathlib import Path

DATA = Path(__file__).with_name("data")

_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяєіїґ",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "j",
            "z",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "ou",
            "f",
            "kh",
            "ts",
            "tch",
            "ch",
            "chtch",
            "",
            "y",
            "",
            "e",
            "iou",
            "ia",
            "ie",
            "i",
            "ii",
            "g",
        ],
        strict=True,
    )
)
# English-style transliteration too: ukrainian and russian names are written that way in papers.
_CYRILLIC_EN = {
    **_CYRILLIC,
    "у": "u",
    "ж": "zh",
    "х": "kh",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ю": "yu",
    "я": "ya",
    "й": "y",
    "є": "ye",
    "ї": "yi",
    "и": "y",
}

# Names common in France in Latin spelling whose origin Faker does not cover in that script.
SUPPLEMENT_FIRST = """
Abdallah Abdel Abdelaziz Abdelkader Abdelkrim Abdellah Abdelhak Abderrahmane Abdou Abdoul Abdoulaye
Abdoulaziz Abdourahmane Abou Aboubacar Aboubakar Achraf Adama Adel Adil Adnan Ahmed Ahmad Aicha Aïcha
Aïssata Aïssatou Aïda Akim Ali Alia Alima Alpha Amadou Amar Amel Amina Aminata Amine Amir Amira Anis
Anissa Aryan Asma Assa Assia Assetou Awa Ayoub Aya Ayman Aymane Ayoube Aziz Bakary Bachir Bilal Binta
Bintou Boubacar Boubakar Brahim Chaïma Chahinez Chérif Cheikh Chems Dalila Djamel Djamila Djibril
Dounia Driss Emir Fadila Fadma Farah Farid Farida Fatiha Fatima Fatimata Fatma Fatoumata Fatou Faycal
Fayçal Férial Fodé Habib Hadja Hafsa Hakim Halima Hamid Hamza Hanane Hassan Hassane Hatice Hawa Hayat
Hicham Hind Houda Hocine Hussein Ibrahim Ibrahima Idriss Ilyes Ilyas Imane Imran Inès Issa Ismaël
Ismail Jamal Jamel Jawad Kader Kadiatou Kadidia Kamel Karim Karima Kahina Kenza Khadija Khadidja
Khaled Lamine Lahcen Leïla Lina Linda Lounes Lotfi Lyes Madani Mahamadou Mahmoud Malek Malik Malika
Mamadou Mariam Mariama Marwa Maryam Maïmouna Meriem Mehdi Mohamed Mohammed Mokhtar Mounir Mourad Moussa
Mustapha Nabil Nacer Nadia Nadir Naïma Najat Nassim Nawel Nadjib Nora Nordine Nouria Noura Nour
Nourdine Omar Othmane Oumar Oumou Ousmane Rachid Rachida Rayan Reda Rim Rokia Saïd Saida Saïda Sakina
Salah Salif Salim Salima Salma Samia Samir Samira Sana Sarah Seydou Sihem Sofiane Sofia Souad
Souleymane Sounkoura Sylla Tarek Tarik Walid Wassim Yacine Yasmina Yasmine Yanis Younes Youssef
Youssouf Zahra Zakaria Zineb Zohra Zoubida Zoulikha Kéba Modibo Mamady Sékou Siaka Sidiki Tidiane
Ahmet Ayşe Elif Emine Fatih Hüseyin Mehmet Murat Mustafa Zeynep Yusuf Kemal Serkan Burak Emre Cem
Rojin Dilan Berivan Roza Azad Baran Zana Shirin Hamid Farhad Reza Mahsa Parisa Ahmadullah Gul Zarmina
Sharif Wahid Nasrin Rahim Rahima Raj Ravi Priya Kumar Suresh Tharshini Sivakumar Vijay
Thi Van Minh Anh Linh Huong Lan Mai Thanh Tuan Duc Hung Hoa Ngoc Phuong Quang Trung
"""
SUPPLEMENT_LAST = """
Abdallah Abdelli Aït Amara Aouadi Azzouz Bakayoko Bamba Barry Belaïd Belhadj Belkacem
Benamar Benaissa Benchikh Benhamou Benmansour Bensalem Bensaïd Bouazza Boudjemaa Bouchard
Boukhari Bouzid Camara Chaouch Cherif Cissé Cissokho Coulibaly Dembélé Diabaté Diakité Diallo Diarra
Diawara Diop Doucouré Doumbia Djebbar Fofana Gassama Guerfi Haddad Hadj Hamdi Hammoudi Haddou
Kaci Kanté Keïta Kébé Khelifi Konaté Koné Kouyaté Lahlou Mansouri Meddah Messaoudi Mezouar Nasri
Ndiaye N'Diaye Ndour Ouattara Rahmani Saïdi Sall Sangaré Sanogo Sarr Sissoko Soumaré Sow Sy
Sylla Tall Touré Traoré Yahiaoui Zerrouki Ziani Bouzidi Chaabane Dahmani Djellal
Ferhat Hamidi Kaddour Laïb Larbi Mebarki Meziane Rahmouni Slimani Taleb Toumi Yousfi Zitouni Zouaoui
Yılmaz Yilmaz Kaya Demir Şahin Sahin Çelik Celik Yıldız Yildiz Öztürk Ozturk Aydın Aydin Arslan Doğan
Dogan Kılıç Kilic Aslan Korkmaz Koç Koc Özdemir Ozdemir Polat Ahmadi Hosseini Karimi Mohammadi
Nguyen Tran Le Pham Hoang Huynh Phan Vu Vo Dang Bui Do Ho Ngo Duong Ly Truong Dinh
Popescu Ionescu Popa Stan Munteanu Constantin Dumitru Radu Georgescu Stanciu
Kowalski Nowak Kowalczyk Lewandowski Mazur Krawczyk Kaczmarek Zielinski Szymanski
Shevchenko Bondarenko Tkachenko Kravchenko Oliinyk Melnyk Petrenko Ivanov Petrov Smirnov
Da Silva Dos Santos Ferreira Pereira Oliveira Rodrigues Fernandes Gonçalves Gomes Lopes Marques
Sivakumar Rajan Kumar Singh
"""


def _latin(name: str) -> bool:
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return re.fullmatch(r"[A-Za-z][A-Za-z' \-]+", folded) is not None


def _translit(name: str, table: dict[str, str]) -> str:
    out = "".join(table.get(c.lower(), c.lower()) for c in name)
    return out[:1].upper() + out[1:]


def _values(value) -> list:
    if isinstance(value, dict):
        return list(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return list(value)
    return []


def collect() -> tuple[set[str], set[str]]:
    import faker

    base = Path(faker.__file__).parent / "providers" / "person"
    first: set[str] = set()
    last: set[str] = set()
    for locale in sorted(os.listdir(base)):
        if locale.startswith("_"):
            continue
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in dir(provider):
            if not attr.startswith(("first_names", "last_names")):
                continue
            target = first if attr.startswith("first") else last
            for name in _values(getattr(provider, attr, None)):
                if not isinstance(name, str):
                    continue
                if _latin(name):
                    target.add(name.strip())
                elif locale in ("ru_RU", "uk_UA", "bg_BG") and re.fullmatch(r"[А-Яа-яЁёЄєІіЇїҐґ' \-]+", name):
                    target.add(_translit(name, _CYRILLIC))
                    target.add(_translit(name, _CYRILLIC_EN))
    first |= set(SUPPLEMENT_FIRST.split())
    last |= {n.replace("_", " ") for n in SUPPLEMENT_LAST.split()}
    return first, last


def main() -> None:
    first, last = collect()
    DATA.mkdir(exist_ok=True)
    for name, values in (("first_names.txt", first), ("last_names.txt", last)):
        kept = sorted({v for v in values if len(v) >= 2})
        (DATA / name).write_text("\n".join(kept) + "\n", encoding="utf-8")
        print(name, len(kept))


if __name__ == "__main__":
    main()
