"""One Japanese vocabulary: the word every catalogue uses for each idea, and the words it retired.

A manager reads the same idea under one name on every page. The catalogues write these words; the tests
(tests/i18n/test_glossary.py) check that every canonical word is in use and that no retired word is left in
any Japanese text.
"""

from __future__ import annotations

# idea -> (the Japanese word, the English word)
GLOSSARY: dict[str, tuple[str, str]] = {
    "decoder": ("復元法", "decoder"),
    "classical_decoders": ("従来の復元法", "classical decoders"),
    "hand_built": ("手設計", "hand-built"),
    "source": ("発生源", "source"),
    "sensor": ("センサー", "sensor"),
    "floor": ("下限", "floor"),
    "scale_invariance": ("スケール不変", "scale-invariant"),
    "proportional": ("比例性あり", "scale-consistent"),
    "not_proportional": ("比例性なし", "not homogeneous"),
    "hidden_layer": ("隠れ層", "hidden layer"),
    "bias": ("バイアス", "bias"),
    "sparse": ("スパース", "sparse"),
    "sweep_map": ("地図", "map"),
    "measured": ("実測", "measured"),
    "proven": ("証明済み", "proven"),
}

# retired Japanese word -> why, or the word that replaced it
RETIRED: dict[str, str] = {
    "音源": "a sound source; 発生源",
    "手組み": "手設計",
    "古典的手法": "従来の復元法",
    "古典的な復元手法": "従来の復元法",
    "復元手法": "復元法",
    "復元器": "復元法",
    "復号法": "復元法",
    "誤差の出た": "reads as 'made mistakes'; 誤差を計算できた",
    "張り付": "slang for 'stuck on'; ほぼ同じ",
    "に厳密）": "jargon; 正確に復元",
    "スケール整合": "比例性あり",
    "非斉次": "比例性なし",
    "あなたの": "too direct in business UI; 自社の / ご自身の",
}
