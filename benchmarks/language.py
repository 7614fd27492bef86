"""Language-identification libraries on short hand-written samples -> a Markdown table (accuracy, import, speed).

    python benchmarks/language.py            # every candidate that is installed
    pip install py3langid langid langdetect lingua-language-detector   # to compare them all

Each candidate runs in a fresh interpreter, so its import time is its own. The samples below were
written for this benchmark, three per language: a title-like fragment of a few words (too short to
trust: the module answers "en" below its length floor), one sentence, and a few sentences (what a
story's opening gives). Speed is measured on ~1 MB of those samples
repeated, in 20 KB chunks, as the pipeline samples a story.
"""

from __future__ import annotations

import json
import subprocess
import sys

SAMPLES: dict[str, list[str]] = {
    "en": [
        "Where the river bends",
        "The kettle had gone cold long before anyone remembered it.",
        "Nobody in the village trusted the new postman. He whistled too early in the morning, and he "
        "never once asked about the weather. By the end of the summer the children followed him anyway.",
    ],
    "de": [
        "Nur noch ein Winter",
        "Der Zug hatte schon wieder eine halbe Stunde Verspätung.",
        "Als sie die Tür öffnete, roch es nach frischem Brot und nassem Hund. Ihre Großmutter saß am "
        "Fenster und tat so, als hätte sie nichts gehört. Draußen wurde es langsam dunkel.",
    ],
    "fr": [
        "Le dernier été ensemble",
        "Il pleuvait depuis trois jours et la rivière débordait enfin.",
        "Elle rangea la lettre dans le tiroir sans la relire. Le café était froid, mais elle le but quand "
        "même, debout près de la fenêtre. Personne ne viendrait avant le soir, elle le savait bien.",
    ],
    "es": [
        "La casa de mi abuelo",
        "Mi hermano nunca quiso aprender a nadar en el río.",
        "Cuando llegamos a la estación, el tren ya se había ido. Mi padre se rió y dijo que así "
        "tendríamos tiempo para comer algo. Caminamos hasta la plaza bajo un sol que no perdonaba.",
    ],
    "it": [
        "Una notte senza stelle",
        "La nonna preparava il pane ogni domenica mattina.",
        "Il vecchio pescatore guardava il mare senza dire una parola. Le barche tornavano lente verso il "
        "porto, e i gabbiani gridavano sopra le reti. Nessuno osava disturbarlo quando era così.",
    ],
    "nl": [
        "Het huis aan zee",
        "De fiets stond al jaren te roesten in de schuur.",
        "Mijn tante woonde in een klein huis aan het kanaal. Elke ochtend zette ze koffie en keek ze naar "
        "de boten die voorbij voeren. Ze zei altijd dat het water haar rustig maakte.",
    ],
    "pt": [
        "Uma carta para ninguém",
        "O cachorro dormia embaixo da mesa da cozinha.",
        "Naquela tarde, a cidade parecia mais silenciosa do que nunca. As lojas fecharam cedo e as ruas "
        "ficaram vazias. Só o padeiro continuava a trabalhar, cantando baixinho uma canção antiga.",
    ],
    "ru": [
        "Письмо без адреса",
        "Старый дом стоял на краю деревни у самого леса.",
        "Утром выпал первый снег, и дети выбежали во двор. Мама кричала им из окна, чтобы они надели "
        "шапки. Но никто её не слушал, потому что снег был слишком красивым.",
    ],
    "ja": [
        "雨の日の約束",
        "駅の前で友達を三十分も待っていた。",
        "その日の朝、私はいつもより早く目が覚めた。窓の外では雨が静かに降っていた。"
        "母はもう台所でお茶をいれていて、私に気づくと小さく笑った。",
    ],
    "zh": [
        "回家的路",
        "他每天早上都在公园里跑步。",
        "那年冬天特别冷，河面上结了厚厚的冰。村里的孩子们每天放学后都去冰上玩。"
        "老人们坐在门口晒太阳，一边聊天一边看着他们。",
    ],
    "ko": [
        "우리의 마지막 여름",
        "어제 친구와 함께 바닷가에 갔어요.",
        "할머니는 매일 아침 일찍 일어나서 마당을 쓸었다. 나는 그 소리를 들으며 잠에서 깼다. "
        "부엌에서는 된장찌개 냄새가 났고, 창밖에는 새들이 울고 있었다.",
    ],
    "ar": [
        "رسالة إلى أمي",
        "ذهبت إلى السوق مع أخي في الصباح.",
        "كان البيت القديم في آخر الشارع فارغا منذ سنوات. كان الأطفال يخافون الاقتراب منه في الليل. "
        "لكن جارنا العجوز كان يقول إنه لا يوجد شيء هناك سوى الغبار.",
    ],
}

# One function per candidate: it runs in a child process and prints JSON. Each returns a primary tag.
CANDIDATES = {
    "py3langid": """
import py3langid
classify = lambda text: py3langid.classify(text)[0]
""",
    "langid": """
import langid
classify = lambda text: langid.classify(text)[0]
""",
    "langdetect": """
import langdetect
langdetect.DetectorFactory.seed = 0
def classify(text):
    try:
        return langdetect.detect(text).split('-')[0]
    except langdetect.LangDetectException:
        return 'en'
""",
    "lingua (all languages)": """
import lingua
_detector = lingua.LanguageDetectorBuilder.from_all_languages().build()
def classify(text):
    found = _detector.detect_language_of(text)
    return found.iso_code_639_1.name.lower() if found else 'en'
""",
}

CHILD = """
import json, sys, time
samples = json.loads(sys.stdin.read())
start = time.perf_counter()
{setup}
imported = time.perf_counter() - start
first = time.perf_counter()
classify("warm-up sentence")  # some libraries load their model on the first call
load = time.perf_counter() - first
results = {{lang: [classify(text) for text in texts] for lang, texts in samples.items()}}
corpus = " ".join(t for texts in samples.values() for t in texts)
megabyte = (corpus * (1_000_000 // len(corpus.encode()) + 1))
chunks = [megabyte[i:i + 20_000] for i in range(0, len(megabyte), 20_000)]
size = len(megabyte.encode())
start = time.perf_counter()
for chunk in chunks:
    classify(chunk)
per_mb = (time.perf_counter() - start) / (size / 1_000_000)
print(json.dumps({{"import": imported, "load": load, "results": results, "per_mb": per_mb}}))
"""


def wheel_size(distribution: str) -> str:
    """An installed distribution -> the size of its files on disk, in MB ('?' when unknown)."""
    from importlib import metadata

    try:
        files = metadata.distribution(distribution).files or []
    except metadata.PackageNotFoundError:
        return "?"
    total = sum((f.locate().stat().st_size for f in files if f.locate().exists()), 0)
    return f"{total / 1e6:.1f}"


DISTRIBUTIONS = {"py3langid": "py3langid", "langid": "langid", "langdetect": "langdetect",
                 "lingua (all languages)": "lingua-language-detector"}


def measure(name: str, setup: str) -> dict | None:
    """One candidate -> its measurement, or None when it is not installed."""
    child = subprocess.run([sys.executable, "-c", CHILD.format(setup=setup)], input=json.dumps(SAMPLES),
                           capture_output=True, text=True)
    if child.returncode != 0:
        print(f"{name}: skipped ({child.stderr.strip().splitlines()[-1] if child.stderr else 'failed'})",
              file=sys.stderr)
        return None
    return json.loads(child.stdout)


def main() -> None:
    """Measure every installed candidate and print the table and the misses."""
    print("| library | installed MB | import s | first call s | fragment right | sentence right | paragraph right | s per MB |")
    print("|---|---|---|---|---|---|---|---|")
    misses: list[str] = []
    for name, setup in CANDIDATES.items():
        found = measure(name, setup)
        if found is None:
            continue
        tiny, short, long = (sum(found["results"][lang][i] == lang for lang in SAMPLES) for i in range(3))
        for lang, got in found["results"].items():
            misses += [f"{name}: {lang} sample {i} -> {g}" for i, g in enumerate(got) if g != lang]
        print(f"| {name} | {wheel_size(DISTRIBUTIONS[name])} | {found['import']:.2f} | {found['load']:.2f} "
              f"| {tiny}/{len(SAMPLES)} | {short}/{len(SAMPLES)} | {long}/{len(SAMPLES)} | {found['per_mb']:.3f} |")
    for miss in misses:
        print(f"- {miss}")


if __name__ == "__main__":
    main()
