from wirewatch.taxonomy.normalize import norm_term, normalize


def test_fast_path_keeps_offsets():
    nz = normalize("Türkiye’s ËLKA İstanbul\u00a0Ёлка")
    assert nz.omap is None
    assert nz.norm == "türkiye's ëlka istanbul елка"
    assert len(nz.norm) == len(nz.text)


def test_casefold_and_letters():
    assert norm_term("ЁЛКА") == "елка"
    assert norm_term("KIBRIS") == norm_term("Kıbrıs") == "kibris"
    assert norm_term("Straße") == "straße"  # one character for one
    assert norm_term("ＮＡＴＯ") == "nato"      # full-width letters


def test_arabic_alef_forms_and_diacritics():
    assert norm_term("أوكرانيا") == norm_term("اوكرانيا")
    assert norm_term("إيران") == norm_term("ايران")
    assert norm_term("فَرَنْسَا") == norm_term("فرنسا")
    assert norm_term("القاهرة") == "القاهره"  # taa marbuta


def test_apostrophes():
    assert norm_term("Côte d’Ivoire") == norm_term("Côte d'Ivoire") == norm_term("Côte dʼIvoire")


def test_slow_path_maps_offsets_back():
    text = "xx ﬁnance وَفرنسا e\u0301lysée"
    nz = normalize(text)
    assert nz.omap is not None
    i = nz.norm.index("finance")
    assert nz.original(i, i + len("finance")) == "ﬁnance"
    j = nz.norm.index("وفرنسا")
    assert nz.original(j, j + len("وفرنسا")) == "وَفرنسا"
    k = nz.norm.index("élysée")
    assert nz.original(k, k + 6) == "e\u0301lysée"


def test_zero_width_and_soft_hyphen_dropped():
    nz = normalize("Uk\u00adraine and Rus\u200bsia")
    assert "ukraine" in nz.norm and "russia" in nz.norm
    i = nz.norm.index("ukraine")
    assert nz.original(i, i + 7) == "Uk\u00adraine"
