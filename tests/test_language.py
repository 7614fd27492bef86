"""language: a story's text -> its detected tag; a header's stated language -> its tag."""

import pytest

from bookmaker.language import detect_language, stated_language

# Written for these tests: a few sentences of prose in each language.
PROSE = {
    "en": "The lighthouse keeper counted the ships every evening. Most nights there were none, "
          "but he wrote the number down anyway, because his father had done the same.",
    "de": "Am Sonntag fuhren wir mit dem Fahrrad an den See. Mein Bruder wollte unbedingt schwimmen, "
          "obwohl das Wasser noch viel zu kalt war. Am Ende saßen wir alle im Gras und aßen Kuchen.",
    "fr": "Le boulanger ouvrait sa boutique avant le lever du soleil. Les voisins disaient qu'il ne "
          "dormait jamais, et personne ne l'avait jamais vu fatigué.",
    "es": "Mi abuela guardaba las cartas de su juventud en una caja de madera. Nunca nos dejó leerlas, "
          "pero a veces sonreía al mirarla.",
    "it": "Ogni estate tornavamo nella casa vicino al lago. Mio zio pescava tutto il giorno e la sera "
          "raccontava storie che nessuno credeva.",
    "nl": "Vorige week kocht mijn buurman een oude boot. Hij wil ermee naar Frankrijk varen, maar "
          "volgens mij zinkt hij al voordat hij de haven uit is.",
    "pt": "A professora chegou atrasada pela primeira vez em vinte anos. Os alunos ficaram tão "
          "surpresos que ninguém disse nada durante a aula inteira.",
    "ru": "Мой дедушка каждое лето ездил на рыбалку. Он всегда возвращался поздно вечером и "
          "рассказывал, что поймал огромную рыбу, но никто её никогда не видел.",
    "ja": "昨日は一日中雨が降っていたので、家で本を読んでいました。夕方になって、やっと空が明るくなりました。",
    "zh": "我小时候住在一个很小的村子里。每天早上，我和哥哥一起走路去学校，路上要经过一条小河。",
    "ko": "지난 주말에 가족과 함께 산에 올라갔습니다. 정상에 도착했을 때 하늘이 정말 맑았습니다.",
    "ar": "في كل صباح كان والدي يشرب القهوة في الشرفة ويقرأ الجريدة. كان يقول إن الصباح هو أجمل وقت في اليوم.",
}


@pytest.mark.parametrize("tag", sorted(PROSE))
def test_detects_prose(tag):
    assert detect_language(PROSE[tag]) == tag


@pytest.mark.parametrize("text", ["", "Chapter 1", "*** 1984 ***", "OK", "\n\n  \n", "Письмо"])
def test_too_short_or_unsure_is_english(text):
    assert detect_language(text) == "en"


def test_long_story_with_english_at_both_ends_reads_as_its_language():
    # a German book whose file opens and ends with an English header and licence, as archives add
    header = "This ebook is for the use of anyone anywhere at no cost and with almost no restrictions. " * 20
    body = (PROSE["de"] + " ") * 400
    assert detect_language(header + body + header) == "de"


def test_detection_is_deterministic():
    assert {detect_language(PROSE["pt"]) for _ in range(5)} == {"pt"}


@pytest.mark.parametrize("value, tag", [
    ("German", "de"), ("Deutsch", "de"), ("English", "en"), ("français", "fr"), ("Francais", "fr"),
    ("Español", "es"), ("ESPAÑOL", "es"), ("Italiano", "it"), ("Nederlands", "nl"), ("Português", "pt"),
    ("Русский", "ru"), ("日本語", "ja"), ("中文", "zh"), ("한국어", "ko"), ("العربية", "ar"),
    ("ja", "ja"), ("pt-BR", "pt-BR"), ("pt_br", "pt-BR"), ("zh-hant-tw", "zh-Hant-TW"), ("EN-us", "en-US"),
    ("ger", "de"), ("fra", "fr"),
    ("Language: German", "de"), ("  German.  ", "de"), ("German (Deutsch)", "de"),
    ("English and French", "en"), ("French, English", "fr"),
])
def test_stated_language(value, tag):
    assert stated_language(value) == tag


@pytest.mark.parametrize("value", ["", "Klingon", "xx", "zz-ZZ", "unknown", "Language:", "123"])
def test_stated_language_unknown(value):
    assert stated_language(value) is None


def test_words_of_other_scripts_in_an_english_story_do_not_change_its_language():
    """Honorifics, a greeting in Japanese, a sign in Arabic: the story is still English (it read as a creole)."""
    from pathlib import Path

    story = (Path(__file__).parent / "writers" / "mixed_scripts.txt").read_text(encoding="utf-8")
    assert detect_language(story) == "en"
    assert detect_language("山の上に小さな家がありました。毎朝、彼女は窓を開けて鳥の声を聞きました。OK, she said. "
                           "山の上に小さな家がありました。毎朝、彼女は窓を開けて鳥の声を聞きました。") == "ja"
