from egide.common.text import deletion_variants


def test_deletion_variants_remove_one_letter_each_way():
    assert deletion_variants("benali") == {"enali", "bnali", "beali", "benli", "benai", "benal"}
    assert deletion_variants("anna") == {"nna", "ana", "ann"}


def test_short_words_have_no_variants():
    assert deletion_variants("li") == set()
    assert deletion_variants("lea") == set()


def test_one_typo_apart_share_a_variant_or_contain_each_other():
    for typed, stored in [("bneali", "benali"), ("bemali", "benali"), ("benalli", "benali")]:
        shared = deletion_variants(typed) & deletion_variants(stored)
        assert shared or typed in deletion_variants(stored) or stored in deletion_variants(typed)


def test_fold_spells_letters_unicode_does_not_decompose():
    from egide.common.text import fold, words

    assert fold("Aydın Øster Łukasz Straße Œuvray") == "aydin oster lukasz strasse oeuvray"
    assert words("Aydın") == ["aydin"]
