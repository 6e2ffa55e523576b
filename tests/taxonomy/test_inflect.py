from wirewatch.taxonomy.inflect import AR_PREFIXES, KO_PARTICLES, TR_SUFFIXES, forms


def test_russian():
    assert {"Франции", "Францию", "Францией"} <= set(forms("ru", "Франция"))
    assert {"Южной Кореи", "Южную Корею"} <= set(forms("ru", "Южная Корея"))
    assert {"Соединённых Штатов", "Соединённым Штатам"} <= set(forms("ru", "Соединённые Штаты"))
    assert forms("ru", "США") == ["США"]
    assert forms("ru", "Того") == ["Того"]
    assert {"французская", "французскими"} <= set(forms("ru", "французский", "adj"))


def test_russian_people():
    assert {"Макрона", "Макроном"} <= set(forms("ru", "Эммануэль Макрон", "person")) | set(forms("ru", "Макрон", "surname"))
    assert {"Зеленского", "Зеленскому"} <= set(forms("ru", "Зеленский", "surname"))
    assert forms("ru", "Бербок", "surname", gender="f") == ["Бербок"]
    assert "Захаровой" in forms("ru", "Захарова", "surname", gender="f")


def test_ukrainian():
    assert {"України", "Україні", "Україною"} <= set(forms("uk", "Україна"))
    assert "Америці" in forms("uk", "Америка")
    assert {"Зеленського"} <= set(forms("uk", "Зеленський", "surname"))


def test_german_polish_romance():
    assert "Frankreichs" in forms("de", "Frankreich")
    assert "Türkeis" not in forms("de", "Türkei")
    assert {"französische", "französischen"} <= set(forms("de", "französisch", "adj"))
    assert {"Polsce", "Polskę"} <= set(forms("pl", "Polska"))
    assert {"ukrainienne", "ukrainiens"} <= set(forms("fr", "ukrainien", "adj"))
    assert {"francesa", "franceses"} <= set(forms("es", "francés", "adj"))
    assert {"tedeschi", "tedesca"} <= set(forms("it", "tedesco", "adj"))
    assert {"alemã", "alemães"} <= set(forms("pt", "alemão", "adj"))


def test_tails_and_clitics():
    assert {"lar", "ların", "da", "dan", "ça"} <= TR_SUFFIXES
    assert "sell" not in TR_SUFFIXES
    assert {"는", "의", "에서", "군은"} <= KO_PARTICLES
    assert "적" not in KO_PARTICLES
    assert {"و", "ال", "وال", "بال", "لل", "ف"} <= AR_PREFIXES
